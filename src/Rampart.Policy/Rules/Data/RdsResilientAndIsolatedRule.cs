using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-03: RDS sits in isolated subnets (its subnet group's subnets have no route to an internet, NAT or egress-only
/// gateway), has deletion protection, keeps backups 7 days or more, upgrades minor versions automatically, and is
/// Multi-AZ in production. Keys: <c>subnets</c>, <c>deletion-protection</c>, <c>backups</c>, <c>minor-upgrades</c>,
/// <c>multi-az</c>.
/// </summary>
/// <remarks>
/// Cluster members are judged on minor upgrades only (the rest is the cluster's); read replicas keep no backups of
/// their own and, in the source's region, take the source's subnet group. "Production" is read from the resource's
/// tags (<c>environment</c>/<c>env</c>/<c>stage</c> = <c>prod</c>/<c>production</c>): a template does not know the
/// environment otherwise, so Multi-AZ is not required of an untagged database, and is not proven when the tag's value
/// comes from a parameter without default. An Aurora cluster is Multi-AZ with two or more instances in the template
/// (Aurora Serverless v1 and Multi-AZ DB clusters always are).
/// </remarks>
public sealed class RdsResilientAndIsolatedRule : IResourceRule
{
    private const int MinimumBackupDays = 7;

    public RuleMetadata Metadata { get; } = new(
        "DATA-03",
        "RDS is in isolated subnets, deletion-protected, backed up 7 days or more, auto-patched, Multi-AZ in production",
        Severity.High,
        SeedSection.Data,
        [FrameworkReference.Fsbp("RDS.5"), FrameworkReference.Fsbp("RDS.7"), FrameworkReference.Fsbp("RDS.8"), FrameworkReference.Fsbp("RDS.11"),
            FrameworkReference.Fsbp("RDS.13"), FrameworkReference.Fsbp("RDS.15"), FrameworkReference.Fsbp("RDS.35"),
            FrameworkReference.Config("rds-instance-deletion-protection-enabled"), FrameworkReference.Config("db-instance-backup-enabled"),
            FrameworkReference.Config("rds-automatic-minor-version-upgrade-enabled"), FrameworkReference.Config("rds-multi-az-support")],
        new Remediation(
            CloudFormation: "Give the database a DBSubnetGroupName whose subnets' route tables have no route to an internet or NAT gateway; set DeletionProtection: true, BackupRetentionPeriod: 7 or more, leave AutoMinorVersionUpgrade true, and set MultiAZ: true (an Aurora cluster: two or more instances) where the environment is prod.",
            Cdk: "Pass vpcSubnets: new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED }, deletionProtection: true, backupRetention: Duration.Days(7), autoMinorVersionUpgrade: true and multiAz: true (prod) to DatabaseInstance; for DatabaseCluster give it readers."))
    {
        SeedText = "Database Subnet (Data Tier): Database instances completely isolated from internet.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Databases.InstanceType, Databases.ClusterType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        var minorUpgrades = MinorUpgradeViolations(resource);
        if (Databases.IsClusterMember(resource))
        {
            return minorUpgrades;
        }

        var replica = Databases.IsReadReplica(resource);
        return SubnetViolations(resource, replica)
            .Concat(DeletionProtectionViolations(resource))
            .Concat(replica ? [] : BackupViolations(resource))
            .Concat(minorUpgrades)
            .Concat(replica ? [] : MultiAzViolations(resource));
    }

    private static IEnumerable<Violation> SubnetViolations(ResourceContext database, bool replica)
    {
        foreach (var group in database.Get("DBSubnetGroupName"))
        {
            if (group.IsAbsent)
            {
                if (!replica)
                {
                    yield return database.Fail(group, "database has no DBSubnetGroupName, so it is placed in the default VPC, whose subnets are public", "subnets");
                }

                continue;
            }

            if (database.Follow(group) is not { Type: "AWS::RDS::DBSubnetGroup" } subnetGroup)
            {
                yield return database.Unprovable(group, $"database uses DB subnet group {group.Describe()}, which is not defined in the template: its subnets' routes cannot be checked", "subnets");
                continue;
            }

            foreach (var subnet in subnetGroup.Get("SubnetIds[*]"))
            {
                if (group.Guard.And(subnet.Guard) is not { } guard)
                {
                    continue;
                }

                if (subnet.Kind != ValueKind.ResourceReference || database.Follow(subnet)?.Type != RouteTables.SubnetType)
                {
                    yield return database.Unprovable(group, $"database subnet group {subnetGroup.LogicalId} uses subnet {subnet.Describe()}, which is not defined in the template: its routes cannot be checked", "subnets") with { Guard = guard };
                    continue;
                }

                foreach (var route in RouteTables.InternetRoutes(database.Template, subnet.ReferencedLogicalId!))
                {
                    if (guard.And(route.Guard) is not { } combined)
                    {
                        continue;
                    }

                    var message = $"database subnet group {subnetGroup.LogicalId} includes subnet {subnet.ReferencedLogicalId}, {route.Description}: the database tier must have no route to the internet";
                    yield return (route.Proven ? database.Fail(group, message, "subnets") : database.Unprovable(group, message, "subnets")) with { Guard = combined };
                }
            }
        }
    }

    private static IEnumerable<Violation> DeletionProtectionViolations(ResourceContext database)
    {
        foreach (var protection in database.Get("DeletionProtection"))
        {
            var message = protection.AsBoolean() switch
            {
                true => null,
                false => "database can be deleted by any stack update or API call (DeletionProtection is false)",
                null when protection.IsAbsent => "database has no deletion protection: DeletionProtection is not set and defaults to false",
                null => $"database has DeletionProtection {protection.Describe()}: it must be true",
            };
            if (message is not null)
            {
                yield return database.Fail(protection, message, "deletion-protection");
            }
        }
    }

    private static IEnumerable<Violation> BackupViolations(ResourceContext database)
    {
        foreach (var retention in database.Get("BackupRetentionPeriod"))
        {
            var days = retention.AsInteger();
            var message = days switch
            {
                >= MinimumBackupDays => null,
                0 => "database has automated backups turned off (BackupRetentionPeriod is 0): keep them 7 days or more",
                { } d => $"database keeps backups {d} day(s): keep them 7 days or more",
                null when retention.IsAbsent => "database keeps backups 1 day: BackupRetentionPeriod is not set and defaults to 1; keep them 7 days or more",
                null => $"database has BackupRetentionPeriod {retention.Describe()}: it must be 7 or more",
            };
            if (message is not null)
            {
                yield return database.Fail(retention, message, "backups");
            }
        }
    }

    private static IEnumerable<Violation> MinorUpgradeViolations(ResourceContext database)
    {
        // Aurora clusters have no such setting: their instances carry it.
        if (Databases.IsCluster(database) && database.Get("Engine").Any(e => e.AsString() is { } engine && Databases.IsAurora(engine)))
        {
            yield break;
        }

        foreach (var upgrade in database.Get("AutoMinorVersionUpgrade"))
        {
            if (upgrade.AsBoolean() == false)
            {
                yield return database.Fail(upgrade, "database does not take minor version upgrades (AutoMinorVersionUpgrade is false): security patches wait for someone to apply them", "minor-upgrades");
            }
            else if (upgrade.IsUnknown)
            {
                yield return database.Fail(upgrade, $"database has AutoMinorVersionUpgrade {upgrade.Describe()}: it must not be false", "minor-upgrades");
            }
        }
    }

    private static IEnumerable<Violation> MultiAzViolations(ResourceContext database)
    {
        var production = Databases.IsProduction(database);
        if (production == false)
        {
            yield break;
        }

        var why = production == true ? "is tagged as production" : "may be production (its environment tag cannot be resolved)";
        if (Databases.IsCluster(database))
        {
            var engine = database.Get("Engine").Select(e => e.AsString()).FirstOrDefault();
            var serverlessV1 = database.Get("EngineMode").Any(m => string.Equals(m.AsString(), "serverless", StringComparison.OrdinalIgnoreCase));
            var instances = Databases.Members(database).Count();
            if (engine is not null && Databases.IsAurora(engine) && !serverlessV1 && instances < 2)
            {
                var violation = database.Fail($"Aurora cluster {why} but has {instances} instance(s) in the template: add a reader in another Availability Zone", "multi-az");
                yield return production == true ? violation : violation with { Proven = false };
            }

            yield break;
        }

        foreach (var multiAz in database.Get("MultiAZ"))
        {
            if (multiAz.AsBoolean() == true)
            {
                continue;
            }

            var message = multiAz.IsAbsent
                ? $"database {why} but is not Multi-AZ: MultiAZ is not set and defaults to false"
                : $"database {why} but has MultiAZ {multiAz.Describe()}";
            var violation = database.Fail(multiAz, message, "multi-az");
            yield return production == true ? violation : violation with { Proven = false };
        }
    }
}
