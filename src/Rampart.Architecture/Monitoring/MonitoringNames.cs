using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// Names fixed from configuration. The workload stacks and the audit stack live in different accounts
/// and may not reference each other, so both sides derive trail, bucket and key names from these rules.
/// </summary>
public static class MonitoringNames
{
    /// <summary>The environment segment used for keys that live in the audit account.</summary>
    public const string AuditEnvironment = "audit";

    /// <summary>The CloudTrail trail of one environment.</summary>
    public static string TrailName(string application, string environment) => $"{application}-{environment}-audit-trail";

    /// <summary>A key alias as DATA-06 writes it: <c>alias/&lt;application&gt;/&lt;environment&gt;/&lt;service&gt;</c>.</summary>
    public static string KeyAlias(string application, string environment, string service) =>
        $"alias/{application}/{environment}/{service}";

    /// <summary>The audit bucket in the audit account: account and region make the global name unique.</summary>
    public static string AuditBucketName(string application, string auditAccount, string auditRegion) =>
        $"{application}-audit-trail-{auditAccount}-{auditRegion}";

    /// <summary>The alias of the trail key in the audit account.</summary>
    public static string AuditKeyAlias(string application) => KeyAlias(application, AuditEnvironment, Data.ServiceKeys.AliasSegment(Data.KeyService.CloudTrail));

    /// <summary>The ARN of a trail, built from its parts so that policies can name it before it exists.</summary>
    public static string TrailArn(string partition, string region, string account, string trailName) =>
        $"arn:{partition}:cloudtrail:{region}:{account}:trail/{trailName}";

    /// <summary>A CloudWatch metric namespace of one environment (e.g. <c>webapp/dev/SecurityEvents</c>).</summary>
    public static string MetricNamespace(string application, string environment, string area) =>
        $"{application}/{environment}/{area}";

    /// <summary>The audit stack's name and construct ID.</summary>
    public static string AuditStackName(RampartConfiguration configuration) => $"{ToPascal(configuration.Application)}-audit";

    private static string ToPascal(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}

/// <summary>A trail that an audit archive admits, named by account, region and trail name.</summary>
public sealed record TrailReference(string Account, string Region, string TrailName)
{
    /// <summary>The trail's ARN in a partition (<c>aws</c>, or a token such as <c>Aws.PARTITION</c>).</summary>
    public string Arn(string partition) => MonitoringNames.TrailArn(partition, Region, Account, TrailName);
}

/// <summary>Where the dedicated audit account keeps CloudTrail logs, derived from configuration alone.</summary>
public sealed record AuditArchiveLocation(string Account, string Region, string BucketName, string KeyAlias)
{
    /// <summary>The location when <c>Monitoring.AuditAccount</c> is set; null when each workload keeps its own trail.</summary>
    public static AuditArchiveLocation? From(RampartConfiguration configuration)
    {
        var account = configuration.Monitoring.AuditAccount;
        if (account is null)
        {
            return null;
        }

        var region = configuration.Monitoring.AuditRegion ?? configuration.Environments[0].Region;
        return new AuditArchiveLocation(
            account,
            region,
            MonitoringNames.AuditBucketName(configuration.Application, account, region),
            MonitoringNames.AuditKeyAlias(configuration.Application));
    }

    /// <summary>The key's alias ARN: CloudTrail accepts an alias ARN for a key in another account.</summary>
    public string KeyAliasArn(string partition) => $"arn:{partition}:kms:{Region}:{Account}:{KeyAlias}";

    /// <summary>Every environment's trail, which the audit bucket and key must admit.</summary>
    public static IReadOnlyList<TrailReference> WorkloadTrails(RampartConfiguration configuration) =>
        configuration.Environments
            .Select(e => new TrailReference(e.Account, e.Region, MonitoringNames.TrailName(configuration.Application, e.Name)))
            .ToList();
}
