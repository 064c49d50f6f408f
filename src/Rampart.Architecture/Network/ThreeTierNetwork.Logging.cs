using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;

namespace Rampart.Architecture.Network;

public sealed partial class ThreeTierNetwork
{
    /// <summary>
    /// The construct ID under which the CDK keeps, at stack level, the handler of
    /// <c>RestrictDefaultSecurityGroup</c> (aws-cdk-lib <c>aws-ec2/lib/vpc.ts</c>).
    /// </summary>
    private const string DefaultSecurityGroupProviderId = "Custom::VpcRestrictDefaultSGCustomResourceProvider";

    /// <summary>
    /// Key administration without use, spelled out (no <c>kms:*</c> and no prefix wildcards).
    /// <c>kms:CreateGrant</c> is left out: a grant hands out use of the key.
    /// </summary>
    private static readonly string[] KeyAdministrationActions =
    [
        "kms:CreateAlias",
        "kms:UpdateAlias",
        "kms:DeleteAlias",
        "kms:DescribeKey",
        "kms:EnableKey",
        "kms:DisableKey",
        "kms:EnableKeyRotation",
        "kms:DisableKeyRotation",
        "kms:GetKeyRotationStatus",
        "kms:RotateKeyOnDemand",
        "kms:ListKeyRotations",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:ListKeyPolicies",
        "kms:ListGrants",
        "kms:RevokeGrant",
        "kms:ListResourceTags",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateKeyDescription",
        "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion",
    ];

    /// <summary>What CloudWatch Logs needs of a key to encrypt a log group (CloudWatch Logs user guide, "Encrypt log data").</summary>
    private static readonly string[] LogsKeyActions =
    [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:DescribeKey",
    ];

    private string LogGroupName(string purpose) => $"/{_props.Application}/{_props.EnvironmentName}/network/{purpose}";

    private string LogGroupArn(string name) => Stack.Of(this).FormatArn(new ArnComponents
    {
        Service = "logs",
        Resource = "log-group",
        ResourceName = name,
        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
    });

    /// <summary>
    /// The network's own key (DATA-06) and the custom resources' log group (DATA-07). The log group
    /// names are fixed so the key policy can name them without a circular reference.
    /// </summary>
    private (IKey Key, ILogGroup CustomResourceLogGroup) BuildEncryptedLogging()
    {
        var stack = Stack.Of(this);
        var key = new Key(this, "Key", new KeyProps
        {
            Alias = $"alias/{_props.Application}/{_props.EnvironmentName}/network",
            Description = $"{_props.Application} {_props.EnvironmentName}: encrypts the network's log groups (VPC flow logs, custom resource handlers)",
            EnableKeyRotation = true,
            // A policy of our own: the CDK's default gives the account kms:*, administration and use alike.
            Policy = new PolicyDocument(),
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // IAM-09: the account administers the key through IAM and cannot use it; only CloudWatch
        // Logs uses it, for the network's log groups.
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AccountAdministersTheKey",
            Principals = [new AccountRootPrincipal()],
            Actions = KeyAdministrationActions,
            Resources = ["*"],
        }));

        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchLogsEncryptsTheNetworkLogGroups",
            Principals = [new ServicePrincipal($"logs.{stack.Region}.amazonaws.com")],
            Actions = LogsKeyActions,
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = new[]
                    {
                        LogGroupArn(LogGroupName(FlowLogsPurpose)),
                        LogGroupArn(LogGroupName(CustomResourcesPurpose)),
                    },
                },
            },
        }));

        var logGroup = new LogGroup(this, "CustomResourceLogGroup", new LogGroupProps
        {
            LogGroupName = LogGroupName(CustomResourcesPurpose),
            Retention = _props.LogRetention,
            EncryptionKey = key,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        return (key, logGroup);
    }

    private const string FlowLogsPurpose = "flow-logs";
    private const string CustomResourcesPurpose = "custom-resources";

    /// <summary>
    /// The execution role of the AWS SDK custom resource (IAM-06: one service principal, confused
    /// deputy condition; IAM-02: writes its own log group only, no managed policy).
    /// </summary>
    private IRole BuildCustomResourceRole()
    {
        var role = new Role(this, "CustomResourceRole", new RoleProps
        {
            Description = "Runs the network's AWS SDK custom resource (CloudFront prefix list lookup)",
            AssumedBy = LambdaPrincipal(),
        });
        CustomResourceLogGroup.GrantWrite(role);
        return role;
    }

    private ServicePrincipal LambdaPrincipal() => new("lambda.amazonaws.com", new ServicePrincipalOpts
    {
        Conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account },
        },
    });

    /// <summary>
    /// The CDK's handler for <c>RestrictDefaultSecurityGroup</c> comes with a role that trusts Lambda
    /// without a condition and carries <c>AWSLambdaBasicExecutionRole</c> (logs on <c>*</c>), and it
    /// logs to an unencrypted group without retention. Bring it to IAM-02/IAM-06 and DATA-07: a
    /// confused-deputy condition, no managed policy, writes to the network's encrypted group only.
    /// </summary>
    private void HardenDefaultSecurityGroupRestriction()
    {
        var provider = Stack.Of(this).Node.TryFindChild(DefaultSecurityGroupProviderId)
            ?? throw new InvalidOperationException($"The CDK did not create {DefaultSecurityGroupProviderId}: NET-09 needs RestrictDefaultSecurityGroup.");
        var role = (CfnResource)provider.Node.FindChild("Role");
        var handler = (CfnResource)provider.Node.FindChild("Handler");

        role.AddPropertyOverride("AssumeRolePolicyDocument", new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Effect"] = "Allow",
                    ["Action"] = "sts:AssumeRole",
                    ["Principal"] = new Dictionary<string, object> { ["Service"] = "lambda.amazonaws.com" },
                    ["Condition"] = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account },
                    },
                },
            },
        });
        role.AddPropertyDeletionOverride("ManagedPolicyArns");

        var logging = new CfnPolicy(this, "DefaultSecurityGroupRestrictionLogging", new CfnPolicyProps
        {
            PolicyName = "WriteNetworkCustomResourceLogs",
            Roles = [role.Ref],
            PolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements =
                [
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resources = [CustomResourceLogGroup.LogGroupArn],
                    }),
                ],
            }),
        });

        handler.AddPropertyOverride("LoggingConfig", new Dictionary<string, object> { ["LogGroup"] = CustomResourceLogGroup.LogGroupName });
        // The handler may log from its first run on.
        handler.AddDependency(logging);
    }

    /// <summary>
    /// NET-12: flow logs of all traffic to an encrypted log group with retention, delivered by a role
    /// that only the flow logs service of this account can assume and that writes this group only.
    /// </summary>
    private ILogGroup BuildFlowLogs()
    {
        var stack = Stack.Of(this);
        var logGroup = new LogGroup(this, "FlowLogGroup", new LogGroupProps
        {
            LogGroupName = LogGroupName(FlowLogsPurpose),
            Retention = _props.LogRetention,
            EncryptionKey = Key,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var role = new Role(this, "FlowLogRole", new RoleProps
        {
            Description = "Delivers the VPC flow logs to their log group",
            AssumedBy = new ServicePrincipal("vpc-flow-logs.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnLike"] = new Dictionary<string, object>
                    {
                        ["aws:SourceArn"] = stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "vpc-flow-log", ResourceName = "*" }),
                    },
                },
            }),
        });

        _ = new FlowLog(this, "FlowLog", new FlowLogProps
        {
            ResourceType = FlowLogResourceType.FromVpc(_vpc),
            TrafficType = FlowLogTrafficType.ALL,
            // One-minute aggregation: findings reach the log group well within the seed's 15-minute MTTD.
            MaxAggregationInterval = FlowLogMaxAggregationInterval.ONE_MINUTE,
            Destination = FlowLogDestination.ToCloudWatchLogs(logGroup, role),
        });
        return logGroup;
    }
}
