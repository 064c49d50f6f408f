using Amazon.CDK;
using Amazon.CDK.AWS.Config;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using Rampart.Architecture.Data;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="ComplianceRecorder"/>.</summary>
public sealed class ComplianceRecorderProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>
    /// Record global resources (IAM users, roles, policies). True in exactly one region per account, or
    /// every global change is recorded (and billed) once per region.
    /// </summary>
    public required bool IncludeGlobalResourceTypes { get; init; }

    /// <summary>Where the delivery bucket's server access logs go.</summary>
    public required IBucket AccessLogsBucket { get; init; }

    /// <summary>
    /// The Config key (<c>ServiceKeys.For(KeyService.Config)</c>) Config encrypts its deliveries with; this
    /// construct adds the recorder's and the Config service's use to its policy. Default: made here.
    /// </summary>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The S3 key (<c>ServiceKeys.For(KeyService.S3)</c>) of the delivery bucket's default encryption. Default: made here.</summary>
    public IKey? BucketEncryptionKey { get; init; }

    /// <summary>SEC-07: a secret not rotated for this many days is non-compliant. Default: 90 (quarterly, as the seed asks for API keys).</summary>
    public int MaximumDaysSinceSecretRotation { get; init; } = 90;
}

/// <summary>
/// MON-03: AWS Config records every supported resource (global ones in one region), delivers to an encrypted
/// bucket, and evaluates the seed's managed rules, plus EBS encryption by default (DATA-04) and periodic
/// secret rotation (SEC-07).
/// </summary>
public sealed class ComplianceRecorder : Construct
{
    /// <summary>AWS Config managed rule identifiers of the seed's essential rules.</summary>
    public static class Identifiers
    {
        public const string EncryptedVolumes = "ENCRYPTED_VOLUMES";
        public const string RdsStorageEncrypted = "RDS_STORAGE_ENCRYPTED";
        public const string S3BucketPublicWriteProhibited = "S3_BUCKET_PUBLIC_WRITE_PROHIBITED";

        /// <summary>The rule named <c>restricted-ssh</c> in the console.</summary>
        public const string RestrictedSsh = "INCOMING_SSH_DISABLED";

        /// <summary>Evaluates Fargate task definitions; <c>ECS_TASK_DEFINITION_NONROOT_USER</c> only evaluates the EC2 launch type.</summary>
        public const string EcsTaskDefinitionLinuxUserNonRoot = "ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT";

        public const string IamRootAccessKeyCheck = "IAM_ROOT_ACCESS_KEY_CHECK";

        /// <summary>DATA-04, beyond the seed's list: the account-level setting that MON-08 remediates.</summary>
        public const string Ec2EbsEncryptionByDefault = "EC2_EBS_ENCRYPTION_BY_DEFAULT";

        /// <summary>SEC-07: flags secrets not rotated within the allowed number of days.</summary>
        public const string SecretsManagerSecretPeriodicRotation = "SECRETSMANAGER_SECRET_PERIODIC_ROTATION";
    }

    private const string ConfigService = "config.amazonaws.com";

    public ComplianceRecorder(Construct scope, string id, ComplianceRecorderProps props)
        : base(scope, id)
    {
        if (props.MaximumDaysSinceSecretRotation is < 1 or > 365)
        {
            throw new ArgumentException(
                $"{nameof(ComplianceRecorderProps)}.{nameof(props.MaximumDaysSinceSecretRotation)}: {props.MaximumDaysSinceSecretRotation} is not accepted; use 1 to 365 days.",
                nameof(props));
        }

        var stack = Stack.Of(this);
        var sourceAccount = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
        };

        ServiceKeys? ownKeys = null;
        IKey OwnKey(KeyService service) => (ownKeys ??= new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = props.Application,
            Environment = props.Environment,
        })).For(service);
        EncryptionKey = props.EncryptionKey ?? OwnKey(KeyService.Config);

        // AWS Config cannot deliver to a bucket with Object Lock; versioning and the deny-public policy remain.
        // Config writes each object with the Config key; the bucket's default key covers anything else.
        DeliveryBucket = new SecureBucket(this, "DeliveryBucket", new SecureBucketProps
        {
            EncryptionKey = props.BucketEncryptionKey ?? OwnKey(KeyService.S3),
            ServerAccessLogsBucket = props.AccessLogsBucket,
            ServerAccessLogsPrefix = "config/",
        }).Bucket;
        var deliveryPrefix = DeliveryBucket.ArnForObjects($"AWSLogs/{stack.Account}/Config/*");

        // A managed policy is accepted here (documented deviation): AWS_ConfigRole follows every resource type
        // Config learns to record, which no hand-written list would keep up with.
        var role = new Role(this, "RecorderRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal(ConfigService).WithConditions(sourceAccount),
            Description = "AWS Config reads resource configurations and delivers them to the Config bucket",
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("service-role/AWS_ConfigRole")],
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DeliverConfigurationItems",
            Actions = ["s3:PutObject"],
            Resources = [deliveryPrefix],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["s3:x-amz-acl"] = "bucket-owner-full-control" },
            },
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CheckDeliveryBucket",
            Actions = ["s3:GetBucketAcl"],
            Resources = [DeliveryBucket.BucketArn],
        }));
        KeyPolicies.AllowRole(EncryptionKey, "ConfigRecorderRoleEncryptsDeliveries", role, "kms:GenerateDataKey", "kms:Decrypt");

        // Config falls back to its service principal when the role cannot deliver; the Config guide's policy.
        KeyPolicies.AllowService(EncryptionKey, "ConfigServiceEncryptsDeliveriesOfThisAccount", ConfigService, ["kms:GenerateDataKey", "kms:Decrypt"], sourceAccount);
        AddConfigBucketPolicy(DeliveryBucket, deliveryPrefix, sourceAccount);
        EncryptionKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadersOfThisAccountDecryptThroughS3",
            Principals = [new AccountRootPrincipal()],
            Actions = ["kms:Decrypt"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["kms:CallerAccount"] = stack.Account,
                    ["kms:ViaService"] = $"s3.{stack.Region}.amazonaws.com",
                },
            },
        }));

        Recorder = new CfnConfigurationRecorder(this, "Recorder", new CfnConfigurationRecorderProps
        {
            RoleArn = role.RoleArn,
            RecordingGroup = new CfnConfigurationRecorder.RecordingGroupProperty
            {
                AllSupported = true,
                IncludeGlobalResourceTypes = props.IncludeGlobalResourceTypes,
            },
        });

        var deliveryChannel = new CfnDeliveryChannel(this, "DeliveryChannel", new CfnDeliveryChannelProps
        {
            S3BucketName = DeliveryBucket.BucketName,
            S3KmsKeyArn = EncryptionKey.KeyArn,
            ConfigSnapshotDeliveryProperties = new CfnDeliveryChannel.ConfigSnapshotDeliveryPropertiesProperty
            {
                DeliveryFrequency = "TwentyFour_Hours",
            },
        });

        // A delivery channel needs a recorder; Config checks the bucket policy and role when it is created.
        deliveryChannel.AddDependency(Recorder);
        deliveryChannel.Node.AddDependency(DeliveryBucket);
        deliveryChannel.Node.AddDependency(role);

        EncryptedVolumesRule = AddRule("EncryptedVolumes", Identifiers.EncryptedVolumes, "EBS volumes attached to instances are encrypted (seed: encrypted storage volumes)", "AWS::EC2::Volume");
        RdsStorageEncryptedRule = AddRule("RdsStorageEncrypted", Identifiers.RdsStorageEncrypted, "RDS instances have storage encryption enabled (seed: RDS encryption)", "AWS::RDS::DBInstance");
        S3PublicWriteProhibitedRule = AddRule("S3BucketPublicWriteProhibited", Identifiers.S3BucketPublicWriteProhibited, "S3 buckets do not allow public write access (seed: S3 public write prohibited)", "AWS::S3::Bucket");
        RestrictedSshRule = AddRule("RestrictedSsh", Identifiers.RestrictedSsh, "No security group allows SSH from 0.0.0.0/0 or ::/0 (seed: SSH access restricted)", "AWS::EC2::SecurityGroup");
        EcsNonRootUserRule = AddRule("EcsTaskDefinitionNonRootUser", Identifiers.EcsTaskDefinitionLinuxUserNonRoot, "ECS task definitions run Linux containers as a non-root user (seed: non-root user; Fargate-aware rule)", "AWS::ECS::TaskDefinition");
        RootAccessKeyRule = AddRule("IamRootAccessKeyCheck", Identifiers.IamRootAccessKeyCheck, "The root user has no access keys (seed: root access key usage prohibited)");
        EbsEncryptionByDefaultRule = AddRule("Ec2EbsEncryptionByDefault", Identifiers.Ec2EbsEncryptionByDefault, "EBS encryption by default is on for the account and region (DATA-04)");
        SecretRotationRule = AddRule(
            "SecretsManagerSecretPeriodicRotation",
            Identifiers.SecretsManagerSecretPeriodicRotation,
            $"Every secret was rotated within {props.MaximumDaysSinceSecretRotation} days, automatically or by hand (SEC-07)",
            inputParameters: new Dictionary<string, object> { ["maxDaysSinceRotation"] = props.MaximumDaysSinceSecretRotation });

        foreach (var rule in Rules)
        {
            rule.Node.AddDependency(Recorder);
            rule.Node.AddDependency(deliveryChannel);
        }
    }

    /// <summary>The key of the delivery bucket.</summary>
    public IKey EncryptionKey { get; }

    /// <summary>The bucket Config delivers configuration history and snapshots to.</summary>
    public IBucket DeliveryBucket { get; }

    /// <summary>The configuration recorder.</summary>
    public CfnConfigurationRecorder Recorder { get; }

    public ManagedRule EncryptedVolumesRule { get; }

    public ManagedRule RdsStorageEncryptedRule { get; }

    public ManagedRule S3PublicWriteProhibitedRule { get; }

    public ManagedRule RestrictedSshRule { get; }

    public ManagedRule EcsNonRootUserRule { get; }

    public ManagedRule RootAccessKeyRule { get; }

    public ManagedRule EbsEncryptionByDefaultRule { get; }

    public ManagedRule SecretRotationRule { get; }

    /// <summary>Every rule this construct evaluates, in a stable order.</summary>
    public IReadOnlyList<ManagedRule> Rules =>
    [
        EncryptedVolumesRule,
        RdsStorageEncryptedRule,
        S3PublicWriteProhibitedRule,
        RestrictedSshRule,
        EcsNonRootUserRule,
        RootAccessKeyRule,
        EbsEncryptionByDefaultRule,
        SecretRotationRule,
    ];

    // A resource type makes the rule change-triggered on that type; no type makes it periodic (daily).
    private ManagedRule AddRule(string id, string identifier, string description, string? resourceType = null, IDictionary<string, object>? inputParameters = null) =>
        new(this, id, new ManagedRuleProps
        {
            Identifier = identifier,
            Description = description,
            RuleScope = resourceType is null ? null : RuleScope.FromResources([ResourceType.Of(resourceType)]),
            MaximumExecutionFrequency = resourceType is null ? MaximumExecutionFrequency.TWENTY_FOUR_HOURS : null,
            InputParameters = inputParameters,
        });

    // The bucket policy of the Config guide, with aws:SourceAccount on every statement.
    private static void AddConfigBucketPolicy(IBucket bucket, string deliveryPrefix, Dictionary<string, object> sourceAccount)
    {
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ConfigChecksBucketAcl",
            Principals = [new ServicePrincipal(ConfigService)],
            Actions = ["s3:GetBucketAcl"],
            Resources = [bucket.BucketArn],
            Conditions = sourceAccount,
        }));
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ConfigChecksBucketExists",
            Principals = [new ServicePrincipal(ConfigService)],
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = sourceAccount,
        }));
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ConfigDeliversConfigurationItems",
            Principals = [new ServicePrincipal(ConfigService)],
            Actions = ["s3:PutObject"],
            Resources = [deliveryPrefix],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["s3:x-amz-acl"] = "bucket-owner-full-control",
                    ["aws:SourceAccount"] = Stack.Of(bucket).Account,
                },
            },
        }));
    }
}
