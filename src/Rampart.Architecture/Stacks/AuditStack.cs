using Amazon.CDK;
using Constructs;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Data;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Stacks;

/// <summary>What the audit account's stack is built from.</summary>
public sealed class AuditStackProps : StackProps
{
    /// <summary>The whole configuration: every environment's trail is admitted.</summary>
    public required RampartConfiguration Configuration { get; init; }

    /// <summary>Object Lock mode of the audit bucket. Default: governance.</summary>
    public AuditLockMode LockMode { get; init; } = AuditLockMode.Governance;

    /// <summary>Days each log file is locked. Default: 365.</summary>
    public int RetentionDays { get; init; } = 365;
}

/// <summary>
/// The seed's "centralized logging to dedicated audit account" (MON-01/02): the audit bucket and its key,
/// whose policies admit the trail of every environment by <c>aws:SourceArn</c>. Names come from the
/// configuration (<see cref="MonitoringNames"/>), so no workload stack references this one.
/// </summary>
public sealed class AuditStack : Stack
{
    public AuditStack(Construct scope, string id, AuditStackProps props)
        : base(scope, id, props)
    {
        var location = AuditArchiveLocation.From(props.Configuration)
            ?? throw new ArgumentException("Monitoring.AuditAccount: not set; the audit stack needs the audit account's 12-digit ID.", nameof(props));

        // The audit account's own service keys: the trail key admits every environment's trail, the S3 key is
        // the audit bucket's default encryption.
        var keys = new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = props.Configuration.Application,
            Environment = MonitoringNames.AuditEnvironment,
        });
        Archive = new AuditLogArchive(this, "AuditArchive", new AuditLogArchiveProps
        {
            Application = props.Configuration.Application,
            KeyEnvironment = MonitoringNames.AuditEnvironment,
            Trails = AuditArchiveLocation.WorkloadTrails(props.Configuration),
            BucketName = location.BucketName,
            LockMode = props.LockMode,
            RetentionDays = props.RetentionDays,
            EncryptionKey = keys.For(KeyService.CloudTrail),
            BucketEncryptionKey = keys.For(KeyService.S3),
        });
    }

    /// <summary>The audit bucket and key.</summary>
    public AuditLogArchive Archive { get; }
}
