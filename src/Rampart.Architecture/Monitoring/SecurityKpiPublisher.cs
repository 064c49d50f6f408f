using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Rampart.Architecture.Identity;
using LambdaFunction = Amazon.CDK.AWS.Events.Targets.LambdaFunction;
using ManagedRule = Amazon.CDK.AWS.Config.ManagedRule;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecurityKpiPublisher"/>.</summary>
public sealed class SecurityKpiPublisherProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The rules whose evaluations make up "security rule compliance".</summary>
    public required IReadOnlyList<ManagedRule> ComplianceRules { get; init; }

    /// <summary>The rule whose evaluations make up "secrets rotation compliance".</summary>
    public required ManagedRule SecretRotationRule { get; init; }

    /// <summary>The Security Hub hub whose findings give the age of open vulnerabilities.</summary>
    public required string SecurityHubArn { get; init; }

    /// <summary>The namespace the KPIs are published in.</summary>
    public required string KpiNamespace { get; init; }

    /// <summary>The key of the function's log group.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>How long the function's logs are kept.</summary>
    public required RetentionDays LogRetention { get; init; }
}

/// <summary>
/// MON-10: three of the seed's KPIs are not CloudWatch metrics anywhere, so a small function computes them
/// every hour and publishes them: security rule compliance (compliant share of all Config evaluations),
/// secrets rotation compliance (compliant share of the periodic-rotation rule's evaluations) and the age of
/// the oldest open vulnerability finding in Security Hub (ECR/Inspector), which bounds remediation time.
/// </summary>
public sealed class SecurityKpiPublisher : Construct
{
    /// <summary>The KPI metric names this function publishes.</summary>
    public const string RuleComplianceMetric = "RuleCompliancePercent";

    public const string SecretsRotationComplianceMetric = "SecretsRotationCompliancePercent";

    public const string OldestOpenVulnerabilityMetric = "OldestOpenVulnerabilityHours";

    // Kept under CloudFormation's 4 KB limit for inline code; boto3 ships with the Lambda runtime.
    internal const string Script = """
        import datetime
        import os

        import boto3

        config = boto3.client("config")
        securityhub = boto3.client("securityhub")
        cloudwatch = boto3.client("cloudwatch")


        def evaluations(rule):
            compliant = evaluated = 0
            pages = config.get_paginator("get_compliance_details_by_config_rule").paginate(
                ConfigRuleName=rule, ComplianceTypes=["COMPLIANT", "NON_COMPLIANT"])
            for page in pages:
                for result in page["EvaluationResults"]:
                    evaluated += 1
                    compliant += result["ComplianceType"] == "COMPLIANT"
            return compliant, evaluated


        def percent(counts):
            evaluated = sum(e for _, e in counts)
            return None if evaluated == 0 else 100.0 * sum(c for c, _ in counts) / evaluated


        def oldest_open_vulnerability_hours(now):
            filters = {
                "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
                "WorkflowStatus": [{"Value": "NEW", "Comparison": "EQUALS"}, {"Value": "NOTIFIED", "Comparison": "EQUALS"}],
                "Type": [{"Value": "Software and Configuration Checks/Vulnerabilities", "Comparison": "PREFIX"}],
            }
            oldest = 0.0
            for page in securityhub.get_paginator("get_findings").paginate(Filters=filters):
                for finding in page["Findings"]:
                    seen = datetime.datetime.fromisoformat(finding.get("FirstObservedAt") or finding["CreatedAt"])
                    oldest = max(oldest, (now - seen).total_seconds() / 3600)
            return oldest


        def handler(event, context):
            now = datetime.datetime.now(datetime.timezone.utc)
            counts = {rule: evaluations(rule) for rule in os.environ["RULE_NAMES"].split(",")}
            kpis = {
                "RuleCompliancePercent": percent(list(counts.values())),
                "SecretsRotationCompliancePercent": percent([counts[os.environ["ROTATION_RULE_NAME"]]]),
                "OldestOpenVulnerabilityHours": oldest_open_vulnerability_hours(now),
            }
            data = [{"MetricName": k, "Value": v, "Unit": "None"} for k, v in kpis.items() if v is not None]
            cloudwatch.put_metric_data(Namespace=os.environ["NAMESPACE"], MetricData=data)
            return kpis
        """;

    public SecurityKpiPublisher(Construct scope, string id, SecurityKpiPublisherProps props)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var functionName = $"{props.Application}-{props.Environment}-security-kpis";
        var rules = props.ComplianceRules.Contains(props.SecretRotationRule)
            ? props.ComplianceRules
            : [.. props.ComplianceRules, props.SecretRotationRule];

        var logGroupName = $"/aws/lambda/{functionName}";
        var logGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = logGroupName,
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com").WithConditions(TrustPolicies.OnBehalfOfAccount(this)),
            Description = "Computes the security KPIs that no service publishes and puts them in CloudWatch (MON-10)",
        });
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteOwnLogs",
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [$"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:{logGroupName}:log-stream:*"],
        })));
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadRuleEvaluations",
            Actions = ["config:GetComplianceDetailsByConfigRule"],
            Resources = rules.Select(r => r.ConfigRuleArn).ToArray(),
        })));
        role.AddToPolicy(StackRegion.Only(this, new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadVulnerabilityFindings",
            Actions = ["securityhub:GetFindings"],
            Resources = [props.SecurityHubArn],
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

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = functionName,
            Description = "Publishes security rule compliance, secrets rotation compliance and oldest open vulnerability age (MON-10)",
            Runtime = Runtime.PYTHON_3_12,
            Handler = "index.handler",
            Code = Code.FromInline(Script),
            Role = role,
            LogGroup = logGroup,
            Timeout = Duration.Minutes(5),
            MemorySize = 256,
            ReservedConcurrentExecutions = 1,
            Environment = new Dictionary<string, string>
            {
                ["RULE_NAMES"] = Fn.Join(",", rules.Select(r => r.ConfigRuleName).ToArray()),
                ["ROTATION_RULE_NAME"] = props.SecretRotationRule.ConfigRuleName,
                ["NAMESPACE"] = props.KpiNamespace,
            },
        });
        Function.Node.AddDependency(role);

        Schedule = new Rule(this, "Hourly", new RuleProps
        {
            Description = "Publishes the security KPIs every hour (MON-10)",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(Duration.Hours(1)),
            Targets = [new LambdaFunction(Function)],
        });
    }

    /// <summary>The KPI function.</summary>
    public IFunction Function { get; }

    /// <summary>The hourly schedule.</summary>
    public IRule Schedule { get; }
}
