using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-02: RDS refuses connections without TLS. The instance's <c>DBParameterGroupName</c> (the cluster's
/// <c>DBClusterParameterGroupName</c> for Aurora and Multi-AZ clusters) refers to a parameter group of the template
/// that sets <c>rds.force_ssl: 1</c> (PostgreSQL, SQL Server) or <c>require_secure_transport: ON</c> (MySQL, MariaDB);
/// the engine comes from <c>Engine</c>.
/// </summary>
/// <remarks>
/// Defaults are judged as AWS documents them: RDS for PostgreSQL 15 and later, MariaDB 11.8 and later and MySQL 9.7 and
/// later require TLS by default, so a default (or silent) parameter group passes for those versions; earlier versions,
/// Aurora and SQL Server default to allowing plain connections and fail. Without <c>EngineVersion</c> the default
/// cannot be known: not proven. A parameter group named as text (outside the template) or from a parameter: not proven.
/// Oracle and Db2 enforce TLS through option groups: not proven. A read replica of an instance of the template without a
/// group of its own takes its source's group (same Region), so only the source is judged. Findings are reported at the
/// database's parameter group property.
/// </remarks>
public sealed class RdsRequiresTlsRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "DATA-02",
        "RDS requires TLS for every connection",
        Severity.High,
        SeedSection.Data,
        [],
        new Remediation(
            CloudFormation: "Create an AWS::RDS::DBParameterGroup (AWS::RDS::DBClusterParameterGroup for Aurora) with Parameters: { rds.force_ssl: 1 } for PostgreSQL/SQL Server or { require_secure_transport: \"ON\" } for MySQL/MariaDB, and set DBParameterGroupName (DBClusterParameterGroupName) to !Ref it.",
            Cdk: "Pass parameterGroup: new ParameterGroup(this, \"Tls\", new ParameterGroupProps { Engine = engine, Parameters = { [\"rds.force_ssl\"] = \"1\" } }) to DatabaseInstance or DatabaseCluster."))
    {
        SeedText = "Encryption in Transit: Container to RDS: SSL/TLS connections required.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Databases.InstanceType, Databases.ClusterType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        if (Databases.IsClusterMember(resource))
        {
            yield break;
        }

        var groupProperty = Databases.IsCluster(resource) ? "DBClusterParameterGroupName" : "DBParameterGroupName";

        // A read replica of an instance of the template (same Region) without a group of its own takes its source's,
        // which is judged on the source.
        var sameRegionReplica = resource.Get("SourceDBInstanceIdentifier").Any(s => s.Kind == ValueKind.ResourceReference);
        foreach (var engine in Databases.Engines(resource))
        {
            if (engine.AsString() is not { } engineName)
            {
                yield return resource.Unprovable(engine, $"database engine cannot be resolved ({engine.Describe()}), so the TLS parameter to check is not known");
                continue;
            }

            var family = Databases.Family(engineName);
            if (family == EngineFamily.Other)
            {
                yield return resource.Unprovable(engine, $"{engineName} enforces TLS through an option group or the engine itself, which this rule does not read: check that plain connections are refused");
                continue;
            }

            var parameter = family is EngineFamily.PostgreSql or EngineFamily.SqlServer ? "rds.force_ssl" : "require_secure_transport";
            var defaultRequiresTls = DefaultRequiresTls(resource, engineName, family);
            foreach (var group in resource.Get(groupProperty))
            {
                if (engine.Guard.And(group.Guard) is not { } guard || (group.IsAbsent && sameRegionReplica))
                {
                    continue;
                }

                foreach (var violation in JudgeGroup(resource, group, parameter, defaultRequiresTls, engineName))
                {
                    if (violation.Guard.And(guard) is { } combined)
                    {
                        yield return violation with { Guard = combined };
                    }
                }
            }
        }
    }

    private static IEnumerable<Violation> JudgeGroup(ResourceContext resource, Resolved group, string parameter, bool? defaultRequiresTls, string engine)
    {
        if (group.IsAbsent || group.AsString()?.StartsWith("default.", StringComparison.OrdinalIgnoreCase) == true)
        {
            if (JudgeDefault(resource, group, defaultRequiresTls, engine, parameter, "uses the default parameter group") is { } violation)
            {
                yield return violation;
            }

            yield break;
        }

        if (resource.Follow(group) is not { } groupResource)
        {
            yield return resource.Unprovable(group, $"database uses parameter group {group.Describe()}, which is not defined in the template: check that it sets {parameter}");
            yield break;
        }

        foreach (var parameters in groupResource.Get("Parameters"))
        {
            if (parameters.Kind != ValueKind.Mapping)
            {
                var missing = parameters.IsAbsent || parameters.Kind == ValueKind.Null;
                if (!missing)
                {
                    yield return resource.Unprovable(group, $"database uses parameter group {groupResource.LogicalId}, whose Parameters cannot be resolved") with { Guard = parameters.Guard };
                }
                else if (JudgeDefault(resource, group, defaultRequiresTls, engine, parameter, $"uses parameter group {groupResource.LogicalId}, which does not set {parameter}") is { } violation)
                {
                    yield return violation with { Guard = parameters.Guard };
                }

                continue;
            }

            var node = parameters.Mapping!.Value[parameter];
            foreach (var value in resource.Template.Resolver.Resolve(node, parameters.Path + "." + parameter, parameters.Guard, parameters.Location))
            {
                if (value.IsAbsent)
                {
                    if (JudgeDefault(resource, group, defaultRequiresTls, engine, parameter, $"uses parameter group {groupResource.LogicalId}, which does not set {parameter}") is { } violation)
                    {
                        yield return violation with { Guard = value.Guard };
                    }
                }
                else if (value.IsUnknown)
                {
                    yield return resource.Unprovable(group, $"database uses parameter group {groupResource.LogicalId}, whose {parameter} cannot be resolved ({value.Describe()} at line {Line(value.Location)})") with { Guard = value.Guard };
                }
                else if (!RequiresTls(value.AsString()))
                {
                    yield return resource.Fail(group, $"database uses parameter group {groupResource.LogicalId}, which sets {parameter} to {value.Describe()} (line {Line(value.Location)}): plain connections are accepted") with { Guard = value.Guard };
                }
            }
        }
    }

    private static Violation? JudgeDefault(ResourceContext resource, Resolved at, bool? defaultRequiresTls, string engine, string parameter, string subject) => defaultRequiresTls switch
    {
        true => null,
        false => resource.Fail(at, $"database {subject}: {parameter} keeps the {engine} default, which accepts plain connections"),
        null => resource.Unprovable(at, $"database {subject}: {parameter} keeps the {engine} default, which requires TLS only from some engine versions, and EngineVersion is not written"),
    };

    /// <summary>Whether the engine's default parameter values require TLS, per the RDS documentation; null when the version is not known.</summary>
    private static bool? DefaultRequiresTls(ResourceContext resource, string engine, EngineFamily family)
    {
        if (Databases.IsAurora(engine) || family == EngineFamily.SqlServer)
        {
            return false;
        }

        if (Databases.Version(resource) is not { } version)
        {
            return null;
        }

        return family switch
        {
            EngineFamily.PostgreSql => version.Major >= 15,
            EngineFamily.MariaDb => version.Major > 11 || (version.Major == 11 && version.Minor >= 8),
            EngineFamily.MySql => version.Major > 9 || (version.Major == 9 && version.Minor >= 7),
            _ => false,
        };
    }

    private static bool RequiresTls(string? value) => value?.ToUpperInvariant() is "1" or "ON" or "TRUE";

    private static string Line(SourceLocation location) => location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
