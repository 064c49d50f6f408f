using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using Rampart.Architecture.Identity;

namespace Rampart.Architecture.Data;

/// <summary>Inputs of <see cref="EbsEncryptionByDefault"/>.</summary>
public sealed class EbsEncryptionByDefaultProps
{
    /// <summary>The EBS key (<see cref="KeyService.Ebs"/>) every new volume of the account and region is encrypted with.</summary>
    public required IKey EncryptionKey { get; init; }

    /// <summary>The logs key for the log group of the function that makes the calls.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>How long that function's logs are kept. Default: one year.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_YEAR;
}

/// <summary>
/// Turns on EBS encryption by default for the stack's account and region, with a customer-managed key
/// (DATA-04). CloudFormation has no resource for this account setting, so two SDK calls are made
/// through a custom resource whose role may make exactly those calls.
/// </summary>
/// <remarks>
/// Deleting the stack leaves encryption by default on: turning a protection off is not a clean-up.
/// The CDK runs every <c>AwsCustomResource</c> of a stack in one singleton function with one role, so
/// another one in the same stack would run with this role and add its permissions to it: synthesis
/// fails if the stack holds an <c>AwsCustomResource</c> that is not this construct's.
/// </remarks>
public sealed class EbsEncryptionByDefault : Construct
{
    /// <summary>The EC2 actions the custom resource calls; EC2 offers no resource ARN for them.</summary>
    public static readonly IReadOnlyList<string> AccountSettingActions =
        ["ec2:EnableEbsEncryptionByDefault", "ec2:ModifyEbsDefaultKmsKeyId"];

    public EbsEncryptionByDefault(Construct scope, string id, EbsEncryptionByDefaultProps props)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var logGroup = new EncryptedLogGroup(this, "Logs", new EncryptedLogGroupProps
        {
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
        }).LogGroup;

        // Our own role, so that its trust policy names the account (confused deputy, IAM-06) and it gets
        // no AWS managed policy with wildcard log permissions.
        var role = new Role(this, "Role", new RoleProps
        {
            Description = "Turns on EBS encryption by default with the EBS key",
            AssumedBy = TrustPolicies.Service("lambda.amazonaws.com", this),
        });
        var regions = new[] { stack.Region };
        role.AddToPrincipalPolicy(GuardedStatements.Allow(
            "WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [logGroup.LogGroupArn], regions));

        var physicalId = PhysicalResourceId.Of($"ebs-encryption-by-default-{stack.Account}-{stack.Region}");
        Enable = Call("Enable", role, logGroup, new AwsSdkCall
        {
            Service = "EC2",
            Action = "enableEbsEncryptionByDefault",
            PhysicalResourceId = physicalId,
        },
        [GuardedStatements.Allow("EnableEbsEncryptionByDefault", [AccountSettingActions[0]], ["*"], regions)]);
        var setKey = Call("DefaultKey", role, logGroup, new AwsSdkCall
        {
            Service = "EC2",
            Action = "modifyEbsDefaultKmsKeyId",
            Parameters = new Dictionary<string, object> { ["KmsKeyId"] = props.EncryptionKey.KeyArn },
            PhysicalResourceId = PhysicalResourceId.Of($"ebs-default-kms-key-{stack.Account}-{stack.Region}"),
        },
        [
            GuardedStatements.Allow("SetEbsDefaultKmsKey", [AccountSettingActions[1]], ["*"], regions),
            GuardedStatements.Allow("DescribeEbsKey", ["kms:DescribeKey"], [props.EncryptionKey.KeyArn], regions),
        ]);
        setKey.Node.AddDependency(Enable);
        DefaultKey = setKey;
        Role = role;
        Node.AddValidation(new SoleSdkCaller(this));
    }

    /// <summary>The role the custom resources' function runs with: these calls and its own logs only.</summary>
    public IRole Role { get; }

    /// <summary>The custom resource that enables encryption by default.</summary>
    public AwsCustomResource Enable { get; }

    /// <summary>The custom resource that sets the default key.</summary>
    public AwsCustomResource DefaultKey { get; }

    /// <remarks>
    /// The statements go through <c>Policy</c>, which the CDK attaches to the singleton function's role:
    /// ours, as long as no other <c>AwsCustomResource</c> shares the stack (<see cref="SoleSdkCaller"/>).
    /// </remarks>
    private AwsCustomResource Call(string id, IRole role, ILogGroup logGroup, AwsSdkCall call, PolicyStatement[] statements) =>
        new(this, id, new AwsCustomResourceProps
        {
            OnCreate = call,
            OnUpdate = call,
            Role = role,
            Policy = AwsCustomResourcePolicy.FromStatements(statements),
            LogGroup = logGroup,
            // The Lambda runtime's SDK has both calls; downloading the newest SDK at deploy time would
            // need internet access and trust in whatever npm serves that day.
            InstallLatestAwsSdk = false,
            Timeout = Duration.Minutes(2),
        });

    /// <summary>Refuses a stack in which another construct's <c>AwsCustomResource</c> would share this role.</summary>
    private sealed class SoleSdkCaller(EbsEncryptionByDefault owner) : DeputyBase, IValidation
    {
        public string[] Validate()
        {
            var ownPath = owner.Node.Path + "/";
            return Stack.Of(owner).Node.FindAll().OfType<AwsCustomResource>()
                .Where(other => !other.Node.Path.StartsWith(ownPath, StringComparison.Ordinal))
                .Select(other =>
                    $"{other.Node.Path}: an AwsCustomResource in the stack of {owner.Node.Path} would run with its role (the CDK shares one function per stack); give it a Lambda-backed custom resource of its own.")
                .ToArray();
        }
    }
}
