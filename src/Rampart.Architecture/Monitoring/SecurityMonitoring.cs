using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using Rampart.Architecture.Data;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecurityMonitoring"/>.</summary>
public sealed class SecurityMonitoringProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>
    /// The seed's implementation phase (1-3). Phase 1: CloudTrail and Config. Phase 2 adds Security Hub,
    /// GuardDuty, alerting, application security monitoring and the CIS alarms. Phase 3 adds automated
    /// response and the KPI dashboard. A lower phase builds fewer controls, never weaker ones.
    /// </summary>
    public required int Phase { get; init; }

    /// <summary>Where security alerts are e-mailed (phase 2 and up).</summary>
    public required string AlertEmail { get; init; }

    /// <summary>True in production: logs are kept a year rather than three months.</summary>
    public required bool IsProduction { get; init; }

    /// <summary>Record IAM and other global resources: true in exactly one region per account.</summary>
    public required bool RecordGlobalResources { get; init; }

    /// <summary>Findings at or above this normalized severity (1-100) are alerted and responded to. Default: 70 (HIGH).</summary>
    public int AlertSeverityThreshold { get; init; } = 70;

    /// <summary>Subscribe Security Hub to PCI DSS as well. Default: false.</summary>
    public bool PciDss { get; init; }

    /// <summary>
    /// The dedicated audit account's archive. Default: null, the audit bucket and its key are built in this
    /// stack. When set, the trail writes to the audit account's bucket and key, named from configuration.
    /// </summary>
    public AuditArchiveLocation? AuditArchive { get; init; }

    /// <summary>The sensitive buckets whose object-level events CloudTrail records. Default: none besides the Config bucket.</summary>
    public IReadOnlyList<IBucket> SensitiveBuckets { get; init; } = [];

    /// <summary>Object Lock mode of a local audit bucket. Default: governance.</summary>
    public AuditLockMode AuditLockMode { get; init; } = AuditLockMode.Governance;

    /// <summary>Days a local audit bucket locks each log file. Default: 365.</summary>
    public int AuditRetentionDays { get; init; } = 365;

    /// <summary>
    /// The stack's service keys: monitoring encrypts its log groups with the logs key, its buckets with the S3
    /// key, and the trail, Config deliveries and the alert topic with the CloudTrail, Config and alerts keys.
    /// Default: monitoring makes its own (in a stack that already has service keys for this application and
    /// environment, pass those).
    /// </summary>
    public ServiceKeys? Keys { get; init; }

    /// <summary>
    /// The stack's bucket for S3 server access logs, where the Config and audit buckets log their access.
    /// Default: an access-log bucket made here.
    /// </summary>
    public IBucket? AccessLogsBucket { get; init; }

    /// <summary>
    /// The application's ECS cluster, whose compromised tasks the automated response stops (phase 3).
    /// Default: none; GuardDuty findings on tasks then get a manual response.
    /// </summary>
    public Amazon.CDK.AWS.ECS.ICluster? ApplicationCluster { get; init; }
}

/// <summary>
/// The seed's monitoring layer ("Security Monitoring and Compliance"): audit logging (MON-01/02),
/// compliance monitoring (MON-03/04), threat detection (MON-05), alerting (MON-06/07/09, SEC-07),
/// automated response (MON-08) and the KPI dashboard (MON-10), switched on by phase.
/// </summary>
public sealed class SecurityMonitoring : Construct
{
    public SecurityMonitoring(Construct scope, string id, SecurityMonitoringProps props)
        : base(scope, id)
    {
        if (props.Phase is < 1 or > 3)
        {
            throw new ArgumentException($"Phase: {props.Phase} is not accepted; use 1, 2 or 3.", nameof(props));
        }

        FindingPatterns.Validate(props.AlertSeverityThreshold);

        var retention = props.IsProduction ? RetentionDays.ONE_YEAR : RetentionDays.THREE_MONTHS;
        var keys = props.Keys ?? new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = props.Application,
            Environment = props.Environment,
        });
        LogEncryptionKey = keys.For(KeyService.Logs);
        AccessLogsBucket = props.AccessLogsBucket
            ?? new SecureBucket(this, "AccessLogs", new SecureBucketProps { ServerAccessLogsTarget = true }).Bucket;

        // Phase 1: basic monitoring, CloudTrail and Config.
        Compliance = new ComplianceRecorder(this, "ComplianceRecorder", new ComplianceRecorderProps
        {
            Application = props.Application,
            Environment = props.Environment,
            IncludeGlobalResourceTypes = props.RecordGlobalResources,
            AccessLogsBucket = AccessLogsBucket,
            EncryptionKey = keys.For(KeyService.Config),
            BucketEncryptionKey = keys.For(KeyService.S3),
        });

        var trailName = MonitoringNames.TrailName(props.Application, props.Environment);
        IBucket auditBucket;
        IKey auditKey;
        if (props.AuditArchive is null)
        {
            var stack = Amazon.CDK.Stack.Of(this);
            AuditArchive = new AuditLogArchive(this, "AuditArchive", new AuditLogArchiveProps
            {
                Application = props.Application,
                KeyEnvironment = props.Environment,
                Trails = [new TrailReference(stack.Account, stack.Region, trailName)],
                AccessLogsBucket = AccessLogsBucket,
                EncryptionKey = keys.For(KeyService.CloudTrail),
                BucketEncryptionKey = keys.For(KeyService.S3),
                LockMode = props.AuditLockMode,
                RetentionDays = props.AuditRetentionDays,
            });
            auditBucket = AuditArchive.Bucket;
            auditKey = AuditArchive.EncryptionKey;
        }
        else
        {
            // The audit account's bucket and key, by name only: stacks in different accounts share no references.
            auditBucket = Bucket.FromBucketName(this, "AuditAccountBucket", props.AuditArchive.BucketName);
            auditKey = Key.FromKeyArn(this, "AuditAccountKey", props.AuditArchive.KeyAliasArn(Amazon.CDK.Aws.PARTITION));
        }

        Trail = new AuditTrail(this, "AuditTrail", new AuditTrailProps
        {
            TrailName = trailName,
            Bucket = auditBucket,
            EncryptionKey = auditKey,
            LogGroupEncryptionKey = LogEncryptionKey,
            LogRetention = retention,
            // The Config bucket holds the account's whole inventory: reading it maps the attack surface.
            DataEventBuckets = [.. props.SensitiveBuckets, Compliance.DeliveryBucket],
        });

        if (props.Phase < 2)
        {
            return;
        }

        // Phase 2: Security Hub, GuardDuty, application security monitoring, alerting.
        SecurityHub = new SecurityHubStandards(this, "SecurityHub", new SecurityHubStandardsProps { PciDss = props.PciDss });
        ThreatDetection = new ThreatDetection(this, "ThreatDetection");
        Alerting = new SecurityAlerting(this, "Alerting", new SecurityAlertingProps
        {
            Application = props.Application,
            Environment = props.Environment,
            AlertEmail = props.AlertEmail,
            SeverityThreshold = props.AlertSeverityThreshold,
            EncryptionKey = keys.For(KeyService.Alerts),
        });
        ApplicationLogging = new ApplicationSecurityLogging(this, "ApplicationSecurityLogging", new ApplicationSecurityLoggingProps
        {
            Application = props.Application,
            Environment = props.Environment,
            EncryptionKey = LogEncryptionKey,
            Retention = retention,
            AlarmTopic = Alerting.Topic,
        });
        CisAlarms = new CisBenchmarkAlarms(this, "CisAlarms", new CisBenchmarkAlarmsProps
        {
            Application = props.Application,
            Environment = props.Environment,
            TrailLogGroup = Trail.LogGroup,
            AlarmTopic = Alerting.Topic,
        });
        _ = new SecretRotationReminder(this, "SecretRotationReminder", new SecretRotationReminderProps
        {
            Application = props.Application,
            Environment = props.Environment,
            Alerting = Alerting,
            RotationRuleName = Compliance.SecretRotationRule.ConfigRuleName,
        });

        if (props.Phase < 3)
        {
            return;
        }

        // Phase 3: automated response, KPIs.
        var kpiNamespace = MonitoringNames.MetricNamespace(props.Application, props.Environment, "SecurityKpis");
        Response = new AutomatedResponse(this, "AutomatedResponse", new AutomatedResponseProps
        {
            Application = props.Application,
            Environment = props.Environment,
            RestrictedSshRule = Compliance.RestrictedSshRule,
            S3PublicWriteProhibitedRule = Compliance.S3PublicWriteProhibitedRule,
            EbsEncryptionByDefaultRule = Compliance.EbsEncryptionByDefaultRule,
            Alerting = Alerting,
            SeverityThreshold = props.AlertSeverityThreshold,
            LogEncryptionKey = LogEncryptionKey,
            LogRetention = retention,
            KpiNamespace = kpiNamespace,
            ApplicationCluster = props.ApplicationCluster,
        });
        _ = new SecurityKpiPublisher(this, "KpiPublisher", new SecurityKpiPublisherProps
        {
            Application = props.Application,
            Environment = props.Environment,
            ComplianceRules = Compliance.Rules,
            SecretRotationRule = Compliance.SecretRotationRule,
            SecurityHubArn = SecurityHub.HubArn,
            KpiNamespace = kpiNamespace,
            LogEncryptionKey = LogEncryptionKey,
            LogRetention = retention,
        });
        Dashboard = new SecurityDashboard(this, "Dashboard", new SecurityDashboardProps
        {
            Application = props.Application,
            Environment = props.Environment,
            KpiNamespace = kpiNamespace,
            FailedAuthenticationRate = ApplicationLogging.FailedAuthenticationRate,
        });
    }

    /// <summary>The key of every monitoring log group: the logs key of the service keys.</summary>
    public IKey LogEncryptionKey { get; }

    /// <summary>The bucket receiving the monitoring buckets' server access logs (the stack's, when given).</summary>
    public IBucket AccessLogsBucket { get; }

    /// <summary>MON-03.</summary>
    public ComplianceRecorder Compliance { get; }

    /// <summary>MON-01/02 in this account; null when the audit account keeps the logs.</summary>
    public AuditLogArchive? AuditArchive { get; }

    /// <summary>MON-01.</summary>
    public AuditTrail Trail { get; }

    /// <summary>MON-04 (phase 2 and up).</summary>
    public SecurityHubStandards? SecurityHub { get; }

    /// <summary>MON-05 (phase 2 and up).</summary>
    public ThreatDetection? ThreatDetection { get; }

    /// <summary>MON-06 (phase 2 and up).</summary>
    public SecurityAlerting? Alerting { get; }

    /// <summary>MON-07 (phase 2 and up). The application container should log to its <c>LogGroup</c>.</summary>
    public ApplicationSecurityLogging? ApplicationLogging { get; }

    /// <summary>MON-09 (phase 2 and up).</summary>
    public CisBenchmarkAlarms? CisAlarms { get; }

    /// <summary>MON-08 (phase 3).</summary>
    public AutomatedResponse? Response { get; }

    /// <summary>MON-10 (phase 3).</summary>
    public SecurityDashboard? Dashboard { get; }
}
