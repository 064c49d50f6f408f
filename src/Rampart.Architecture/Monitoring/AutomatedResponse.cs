using Amazon.CDK;
using Amazon.CDK.AWS.Config;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Rampart.Architecture.Identity;
using Rampart.Cdk.Suppressions;
using SfnStateMachine = Amazon.CDK.AWS.Events.Targets.SfnStateMachine;
using SfnStateMachineProps = Amazon.CDK.AWS.Events.Targets.SfnStateMachineProps;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="AutomatedResponse"/>.</summary>
public sealed class AutomatedResponseProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The Config rule <c>INCOMING_SSH_DISABLED</c>, remediated by <c>AWS-DisableIncomingSSHOnPort22</c>.</summary>
    public required IRule RestrictedSshRule { get; init; }

    /// <summary>The Config rule <c>S3_BUCKET_PUBLIC_WRITE_PROHIBITED</c>, remediated by <c>AWS-DisableS3BucketPublicReadWrite</c>.</summary>
    public required IRule S3PublicWriteProhibitedRule { get; init; }

    /// <summary>The Config rule <c>EC2_EBS_ENCRYPTION_BY_DEFAULT</c>, remediated by <c>AWSConfigRemediation-EnableEbsEncryptionByDefault</c>.</summary>
    public required IRule EbsEncryptionByDefaultRule { get; init; }

    /// <summary>The alert topic the response reports to.</summary>
    public required SecurityAlerting Alerting { get; init; }

    /// <summary>Findings at or above this normalized severity (1-100) start a response.</summary>
    public required int SeverityThreshold { get; init; }

    /// <summary>The key of the response's execution log group.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>How long execution logs are kept.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>The namespace of the KPI metrics (time to detect, time to respond).</summary>
    public required string KpiNamespace { get; init; }

    /// <summary>
    /// The application's ECS cluster: the response may stop its tasks, and only its tasks (IAM-02).
    /// Default: none; GuardDuty findings on tasks then get a manual response.
    /// </summary>
    public ICluster? ApplicationCluster { get; init; }
}

/// <summary>
/// MON-08: non-compliant resources are remediated by AWS-owned SSM Automation runbooks, each under a role
/// that can do what its runbook does and no more; high-severity GuardDuty and Security Hub findings start a
/// Step Functions response (<see cref="ResponseWorkflow"/>) that also records the seed's MTTD and MTTR.
/// </summary>
public sealed class AutomatedResponse : Construct
{
    /// <summary>The AWS-owned runbooks used for remediation.</summary>
    public const string DisableIncomingSshRunbook = "AWS-DisableIncomingSSHOnPort22";

    public const string DisableS3PublicReadWriteRunbook = "AWS-DisableS3BucketPublicReadWrite";

    public const string EnableEbsEncryptionByDefaultRunbook = "AWSConfigRemediation-EnableEbsEncryptionByDefault";

    public AutomatedResponse(Construct scope, string id, AutomatedResponseProps props)
        : base(scope, id)
    {
        FindingPatterns.Validate(props.SeverityThreshold);
        var stack = Stack.Of(this);
        var securityGroups = $"arn:{stack.Partition}:ec2:{stack.Region}:{stack.Account}:security-group/*";

        var sshRole = AutomationRole("DisableIncomingSshRole", "removes SSH from 0.0.0.0/0 and ::/0 on a non-compliant security group",
            new PolicyStatement(new PolicyStatementProps { Sid = "DescribeSecurityGroups", Actions = ["ec2:DescribeSecurityGroups"], Resources = ["*"] }),
            new PolicyStatement(new PolicyStatementProps { Sid = "RevokeIngress", Actions = ["ec2:RevokeSecurityGroupIngress"], Resources = [securityGroups] }));
        Remediate("RestrictedSshRemediation", props.RestrictedSshRule, DisableIncomingSshRunbook, "AWS::EC2::SecurityGroup", sshRole, "SecurityGroupIds");
        ActsOnWhateverIsFlagged(sshRole, "ec2:RevokeSecurityGroupIngress",
            "Seed: \"Security group SSH access restricted\" (essential Config rule) and \"Implement automated security response\": "
            + "the runbook revokes SSH on whichever security group of the account AWS Config finds non-compliant, which no template can name; "
            + "the ARN is pinned to this account and region");

        var s3Role = AutomationRole("DisableS3PublicReadWriteRole", "blocks public access on a non-compliant bucket of this account",
            new PolicyStatement(new PolicyStatementProps
            {
                Sid = "BlockPublicAccessOnThisAccountsBuckets",
                Actions = ["s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"],
                Resources = [$"arn:{stack.Partition}:s3:::*"],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:ResourceAccount"] = stack.Account },
                },
            }));
        Remediate("S3PublicWriteRemediation", props.S3PublicWriteProhibitedRule, DisableS3PublicReadWriteRunbook, "AWS::S3::Bucket", s3Role, "S3BucketName");
        foreach (var action in new[] { "s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock" })
        {
            ActsOnWhateverIsFlagged(s3Role, action,
                "Seed: \"S3 bucket public write prohibited\" (essential Config rule) and \"Implement automated security response\": "
                + "the runbook blocks public access on whichever bucket of the account AWS Config finds non-compliant, which no template can name; "
                + "aws:ResourceAccount pins it to this account's buckets and aws:RequestedRegion to this region");
        }

        // These two EC2 actions act on the account's setting and support no resource ARN.
        var ebsRole = AutomationRole("EnableEbsEncryptionByDefaultRole", "turns on EBS encryption by default for the account and region",
            new PolicyStatement(new PolicyStatementProps
            {
                Sid = "EnableEbsEncryptionByDefault",
                Actions = ["ec2:EnableEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault"],
                Resources = ["*"],
            }));
        Remediate("EbsEncryptionByDefaultRemediation", props.EbsEncryptionByDefaultRule, EnableEbsEncryptionByDefaultRunbook, "AWS::::Account", ebsRole, resourceIdParameter: null);

        StateMachineName = $"{props.Application}-{props.Environment}-security-response";
        var stateMachineArn = $"arn:{stack.Partition}:states:{stack.Region}:{stack.Account}:stateMachine:{StateMachineName}";
        var logGroup = new LogGroup(this, "ExecutionLogs", new LogGroupProps
        {
            // The vendedlogs prefix keeps CloudWatch Logs' resource policy small (Step Functions' advice).
            LogGroupName = $"/aws/vendedlogs/states/{StateMachineName}",
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var role = new Role(this, "ResponseRole", new RoleProps
        {
            AssumedBy = TrustPolicies.ServiceFor("states.amazonaws.com", this, stateMachineArn),
            Description = "The automated security response: stop a compromised ECS task, revoke internet ingress, record KPIs, notify",
        });
        if (props.ApplicationCluster is { } cluster)
        {
            // Task ARNs carry their cluster's name: the role reaches the application's tasks and no others.
            role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
            {
                Sid = "StopCompromisedApplicationTasks",
                Actions = ["ecs:StopTask"],
                Resources = [$"arn:{stack.Partition}:ecs:{stack.Region}:{stack.Account}:task/{cluster.ClusterName}/*"],
            })));
        }

        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "FindOpenIngressRules",
            Actions = ["ec2:DescribeSecurityGroupRules"],
            Resources = ["*"],
        })));
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "RevokeOpenIngressRules",
            Actions = ["ec2:RevokeSecurityGroupIngress"],
            Resources = [securityGroups],
        })));
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishKpisInTheirNamespaceOnly",
            Actions = ["cloudwatch:PutMetricData"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = props.KpiNamespace },
            },
        })));
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            // Step Functions delivers execution logs through CloudWatch Logs' log delivery API, which has no resource ARNs.
            Sid = "DeliverExecutionLogs",
            Actions =
            [
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups",
            ],
            Resources = ["*"],
        })));
        props.Alerting.AllowPublishingRole("SecurityResponseRolePublishes", role);
        ActsOnWhateverIsFlagged(role, "ec2:RevokeSecurityGroupIngress",
            "Seed: \"Continuous Monitoring: Real-time threat detection and automated response\": the response revokes internet ingress "
            + "on whichever security group of the account Security Hub reports open, which no template can name; the ARN is pinned to this account and region");

        var stateMachine = new CfnStateMachine(this, "StateMachine", new CfnStateMachineProps
        {
            StateMachineName = StateMachineName,
            StateMachineType = "STANDARD",
            RoleArn = role.RoleArn,
            DefinitionString = ResponseWorkflow.Definition,
            DefinitionSubstitutions = new Dictionary<string, string>
            {
                [ResponseWorkflow.PartitionPlaceholder] = stack.Partition,
                [ResponseWorkflow.TopicPlaceholder] = props.Alerting.Topic.TopicArn,
                [ResponseWorkflow.NamespacePlaceholder] = props.KpiNamespace,
                [ResponseWorkflow.ClusterPlaceholder] = props.ApplicationCluster?.ClusterArn ?? ResponseWorkflow.NoCluster,
            },
            LoggingConfiguration = new CfnStateMachine.LoggingConfigurationProperty
            {
                Level = "ALL",
                IncludeExecutionData = true,
                Destinations = new[]
                {
                    new CfnStateMachine.LogDestinationProperty
                    {
                        CloudWatchLogsLogGroup = new CfnStateMachine.CloudWatchLogsLogGroupProperty { LogGroupArn = logGroup.LogGroupArn },
                    },
                },
            },
        });

        // Step Functions checks the logging permissions when the state machine is created.
        stateMachine.Node.AddDependency(role);
        StateMachine = Amazon.CDK.AWS.StepFunctions.StateMachine.FromStateMachineArn(this, "Imported", stateMachine.AttrArn);

        var startRole = new Role(this, "StartResponseRole", new RoleProps
        {
            AssumedBy = TrustPolicies.ServiceFor("events.amazonaws.com", this, $"arn:{stack.Partition}:events:{stack.Region}:{stack.Account}:rule/*"),
            Description = "EventBridge starts the automated security response",
        });

        GuardDutyTrigger = new Amazon.CDK.AWS.Events.Rule(this, "GuardDutyFindingsTrigger", new Amazon.CDK.AWS.Events.RuleProps
        {
            Description = "High-severity GuardDuty findings start the automated response (MON-08)",
            EventPattern = FindingPatterns.GuardDutyFindings(props.SeverityThreshold),
            Targets = [new SfnStateMachine(StateMachine, new SfnStateMachineProps { Role = startRole })],
        });
        SecurityHubTrigger = new Amazon.CDK.AWS.Events.Rule(this, "SecurityHubFindingsTrigger", new Amazon.CDK.AWS.Events.RuleProps
        {
            Description = "High-severity Security Hub findings start the automated response (MON-08)",
            EventPattern = FindingPatterns.SecurityHubFindings(props.SeverityThreshold),
            Targets = [new SfnStateMachine(StateMachine, new SfnStateMachineProps { Role = startRole })],
        });
    }

    /// <summary>The response state machine's name.</summary>
    public string StateMachineName { get; }

    /// <summary>The response state machine.</summary>
    public IStateMachine StateMachine { get; }

    public Amazon.CDK.AWS.Events.IRule GuardDutyTrigger { get; }

    public Amazon.CDK.AWS.Events.IRule SecurityHubTrigger { get; }

    // One role per runbook, assumable only by SSM Automation runs of this account.
    private Role AutomationRole(string id, string purpose, params PolicyStatement[] statements)
    {
        var stack = Stack.Of(this);
        var role = new Role(this, id, new RoleProps
        {
            AssumedBy = TrustPolicies.ServiceFor("ssm.amazonaws.com", this, $"arn:{stack.Partition}:ssm:{stack.Region}:{stack.Account}:automation-execution/*"),
            Description = $"SSM Automation {purpose} (MON-08)",
        });
        foreach (var statement in statements)
        {
            role.AddToPolicy(StackRegion.Only(this, statement));
        }

        return role;
    }

    /// <summary>
    /// IAM-02's exception for a remediation: it acts on whichever resource a detector flags, so its grant
    /// names the resource type in this account and region (<c>security-group/*</c>), not resources. The
    /// suppression is narrowed to the one action, on the role's policy.
    /// </summary>
    private static void ActsOnWhateverIsFlagged(Role role, string action, string reason)
    {
        var policy = role.Node.TryFindChild("DefaultPolicy")?.Node.DefaultChild as CfnResource
            ?? throw new InvalidOperationException($"{role.Node.Path} has no policy yet: grant {action} before recording its exception.");
        RampartSuppressions.Add(policy, "IAM-02", reason, finding: action);
    }

    private void Remediate(string id, IRule rule, string runbook, string resourceType, IRole role, string? resourceIdParameter)
    {
        var parameters = new Dictionary<string, object>
        {
            ["AutomationAssumeRole"] = new Dictionary<string, object>
            {
                ["StaticValue"] = new Dictionary<string, object> { ["Values"] = new[] { role.RoleArn } },
            },
        };
        if (resourceIdParameter is not null)
        {
            parameters[resourceIdParameter] = new Dictionary<string, object>
            {
                ["ResourceValue"] = new Dictionary<string, object> { ["Value"] = "RESOURCE_ID" },
            };
        }

        var remediation = new CfnRemediationConfiguration(this, id, new CfnRemediationConfigurationProps
        {
            ConfigRuleName = rule.ConfigRuleName,
            TargetType = "SSM_DOCUMENT",
            TargetId = runbook,
            ResourceType = resourceType,
            Parameters = parameters,
            Automatic = true,
            MaximumAutomaticAttempts = 5,
            RetryAttemptSeconds = 60,
            ExecutionControls = new CfnRemediationConfiguration.ExecutionControlsProperty
            {
                SsmControls = new CfnRemediationConfiguration.SsmControlsProperty
                {
                    ConcurrentExecutionRatePercentage = 10,
                    ErrorPercentage = 10,
                },
            },
        });
        remediation.Node.AddDependency(role);
    }
}
