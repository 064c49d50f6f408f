using Amazon.CDK;
using Amazon.CDK.AWS.CloudTrail;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using Rampart.Cdk.Suppressions;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="AuditTrail"/>.</summary>
public sealed class AuditTrailProps
{
    /// <summary>The trail's name: fixed, because bucket and key policies name the trail before it exists.</summary>
    public required string TrailName { get; init; }

    /// <summary>The dedicated audit bucket (this account's, or the audit account's imported by name).</summary>
    public required IBucket Bucket { get; init; }

    /// <summary>The key that encrypts log and digest files (this account's, or the audit account's key alias ARN).</summary>
    public required IKey EncryptionKey { get; init; }

    /// <summary>The key of the trail's CloudWatch Logs log group.</summary>
    public required IKey LogGroupEncryptionKey { get; init; }

    /// <summary>How long the CloudWatch Logs copy of the trail is kept (the S3 copy is governed by the audit bucket).</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>The sensitive buckets whose object-level (data) events are recorded. Default: none.</summary>
    public IReadOnlyList<IBucket> DataEventBuckets { get; init; } = [];
}

/// <summary>
/// MON-01: one multi-region trail with global service events, log file validation, KMS encryption, a copy
/// in an encrypted CloudWatch Logs group (for the CIS alarms), and S3 data events for the sensitive buckets,
/// delivered to the dedicated audit bucket.
/// </summary>
public sealed class AuditTrail : Construct
{
    public AuditTrail(Construct scope, string id, AuditTrailProps props)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        TrailName = props.TrailName;
        TrailArn = MonitoringNames.TrailArn(stack.Partition, stack.Region, stack.Account, props.TrailName);

        var logGroupName = $"/aws/cloudtrail/{props.TrailName}";
        var logGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            LogGroupName = logGroupName,
            EncryptionKey = props.LogGroupEncryptionKey,
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        LogGroup = logGroup;

        // CloudTrail assumes this role to write its own log streams, nothing else. Its trust policy carries no
        // aws:SourceArn/aws:SourceAccount: CloudTrail documents that this role does not support them.
        var deliveryRole = new Role(this, "LogsDeliveryRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("cloudtrail.amazonaws.com"),
            Description = $"CloudTrail trail {props.TrailName} writes to its CloudWatch Logs log group",
        });
        RampartSuppressions.Add(deliveryRole, "IAM-06",
            "AWS limit: the role CloudTrail assumes to deliver to CloudWatch Logs does not support aws:SourceArn or aws:SourceAccount "
            + "(AWS CloudTrail User Guide, \"Role policy document for CloudTrail to use CloudWatch Logs for monitoring\"); "
            + "its policy only writes the trail's own log streams",
            finding: "cloudtrail.amazonaws.com");
        deliveryRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteTrailLogStreams",
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources =
            [
                $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:{logGroupName}:log-stream:{stack.Account}_CloudTrail_*",
            ],
        }));

        Trail = new CfnTrail(this, "Trail", new CfnTrailProps
        {
            TrailName = props.TrailName,
            IsLogging = true,
            IsMultiRegionTrail = true,
            IncludeGlobalServiceEvents = true,
            EnableLogFileValidation = true,
            S3BucketName = props.Bucket.BucketName,
            KmsKeyId = props.EncryptionKey.KeyArn,
            CloudWatchLogsLogGroupArn = logGroup.LogGroupArn,
            CloudWatchLogsRoleArn = deliveryRole.RoleArn,
            EventSelectors = new[] { EventSelector(props.DataEventBuckets) },
        });

        // CloudTrail checks the bucket policy and the role's permissions when the trail is created.
        Trail.Node.AddDependency(props.Bucket);
        Trail.Node.AddDependency(deliveryRole);
    }

    /// <summary>The trail's name.</summary>
    public string TrailName { get; }

    /// <summary>The trail's ARN, built from its name (no dependency on the trail resource).</summary>
    public string TrailArn { get; }

    /// <summary>The trail's CloudWatch Logs copy, on which the CIS metric filters run.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The trail resource.</summary>
    public CfnTrail Trail { get; }

    private static CfnTrail.EventSelectorProperty EventSelector(IReadOnlyList<IBucket> dataEventBuckets) => new()
    {
        ReadWriteType = "All",
        IncludeManagementEvents = true,
        DataResources = dataEventBuckets.Count == 0
            ? null
            : new[]
            {
                new CfnTrail.DataResourceProperty
                {
                    Type = "AWS::S3::Object",
                    Values = dataEventBuckets.Select(b => b.BucketArn + "/").ToArray(),
                },
            },
    };
}
