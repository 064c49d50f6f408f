using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Rampart.Architecture.Data;

namespace Rampart.Architecture.Network;

public sealed partial class ThreeTierNetwork
{
    /// <summary>
    /// The construct ID under which the CDK keeps, at stack level, the handler of
    /// <c>RestrictDefaultSecurityGroup</c> (aws-cdk-lib <c>aws-ec2/lib/vpc.ts</c>).
    /// </summary>
    private const string DefaultSecurityGroupProviderId = "Custom::VpcRestrictDefaultSGCustomResourceProvider";

    private string LogGroupName(string purpose) => $"/{_props.Application}/{_props.EnvironmentName}/network/{purpose}";

    /// <summary>
    /// The key of the network's log groups (DATA-06: the stack's logs key, one per service) and the
    /// custom resources' log group (DATA-07).
    /// </summary>
    private (IKey Key, ILogGroup CustomResourceLogGroup) BuildEncryptedLogging()
    {
        var key = _props.LogEncryptionKey ?? new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = _props.Application,
            Environment = _props.EnvironmentName,
        }).For(KeyService.Logs);

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
    /// The execution role of the prefix list lookup (IAM-06: one service principal, confused deputy
    /// condition; IAM-02: writes its own log group only, no managed policy).
    /// </summary>
    private IRole BuildCustomResourceRole()
    {
        var role = new Role(this, "CustomResourceRole", new RoleProps
        {
            Description = "Runs the network's CloudFront prefix list lookup",
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
            EncryptionKey = LogEncryptionKey,
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
