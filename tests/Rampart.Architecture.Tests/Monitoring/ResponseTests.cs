using System.Text.Json.Nodes;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ResponseTests(DefaultArchitecture architecture)
{
    private readonly TemplateView _template = architecture.Workload();

    public static TheoryData<string, string, string, string[]> Remediations => new()
    {
        { "INCOMING_SSH_DISABLED", "AWS-DisableIncomingSSHOnPort22", "SecurityGroupIds", ["ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress"] },
        { "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "AWS-DisableS3BucketPublicReadWrite", "S3BucketName", ["s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"] },
        { "EC2_EBS_ENCRYPTION_BY_DEFAULT", "AWSConfigRemediation-EnableEbsEncryptionByDefault", "", ["ec2:EnableEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault"] },
    };

    [Theory]
    [MemberData(nameof(Remediations))]
    public void MON_08_non_compliant_resources_are_remediated_automatically_by_an_aws_owned_runbook(
        string ruleIdentifier, string runbook, string resourceParameter, string[] runbookActions)
    {
        var remediation = Assert.Single(_template.OfType("AWS::Config::RemediationConfiguration"), r => (string)r.Resource.Properties()["TargetId"]! == runbook).Resource.Properties();
        var rule = _template.Resource(Target(remediation["ConfigRuleName"])).Properties();
        Assert.Equal(ruleIdentifier, (string)rule["Source"]!["SourceIdentifier"]!);
        Assert.Equal("SSM_DOCUMENT", (string)remediation["TargetType"]!);
        Assert.True((bool)remediation["Automatic"]!);
        if (resourceParameter.Length > 0)
        {
            Assert.Equal("RESOURCE_ID", (string)remediation["Parameters"]![resourceParameter]!["ResourceValue"]!["Value"]!);
        }

        // The runbook's role trusts SSM Automation of this account and may do what the runbook does, nothing else.
        var roleId = Target(remediation["Parameters"]!["AutomationAssumeRole"]!["StaticValue"]!["Values"]![0]);
        var trust = Assert.Single(Statements(_template.Resource(roleId).Properties()["AssumeRolePolicyDocument"]));
        Assert.Equal(["ssm.amazonaws.com"], trust.ServicePrincipals());
        Assert.Equal(["111111111111"], trust.Condition("StringEquals", "aws:SourceAccount"));
        Assert.Equal(["arn:${AWS::Partition}:ssm:eu-west-1:111111111111:automation-execution/*"], trust.Condition("ArnLike", "aws:SourceArn"));
        Assert.Equal(runbookActions, _template.PolicyStatementsOfRole(roleId).SelectMany(s => s.Actions()).Order().ToList());
    }

    [Theory]
    [InlineData("aws.guardduty")]
    [InlineData("aws.securityhub")]
    public void MON_08_high_severity_findings_start_the_response_state_machine(string source)
    {
        var stateMachineId = _template.Single("AWS::StepFunctions::StateMachine").LogicalId;
        var rule = Assert.Single(
            _template.OfType("AWS::Events::Rule"),
            r => Texts(r.Resource.Properties()["EventPattern"]?["source"]).Contains(source)
                && r.Resource.Properties()["Targets"]!.AsArray().Any(t => Target(t!["Arn"]) == stateMachineId)).Resource.Properties();

        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        var roleId = Target(target["RoleArn"]);
        var trust = Assert.Single(Statements(_template.Resource(roleId).Properties()["AssumeRolePolicyDocument"]));
        Assert.Equal(["events.amazonaws.com"], trust.ServicePrincipals());
        Assert.Equal(["111111111111"], trust.Condition("StringEquals", "aws:SourceAccount"));
        var permission = Assert.Single(_template.PolicyStatementsOfRole(roleId));
        Assert.Equal(["states:StartExecution"], permission.Actions());
        Assert.Equal([$"${{{stateMachineId}.Arn}}"], permission.Resources());
    }

    [Fact]
    public void MON_08_response_stops_compromised_tasks_revokes_internet_ingress_and_reports()
    {
        var definition = Definition();
        Assert.Equal("JSONata", (string)definition["QueryLanguage"]!);
        var states = definition["States"]!.AsObject();
        var resources = states.Select(s => (string?)s.Value!["Resource"]).OfType<string>().ToHashSet();

        Assert.Contains("arn:${Partition}:states:::aws-sdk:ecs:stopTask", resources);
        Assert.Contains("arn:${Partition}:states:::aws-sdk:ec2:revokeSecurityGroupIngress", resources);
        Assert.Contains("arn:${Partition}:states:::sns:publish", resources);
        // Only internet-open ingress other than 80/443 (the load balancer's exception in NET-07) is revoked.
        var openRules = (string)states["FindOpenIngressRules"]!["Assign"]!["openRuleIds"]!;
        Assert.Contains("CidrIpv4 = '0.0.0.0/0' or CidrIpv6 = '::/0'", openRules, StringComparison.Ordinal);
        Assert.Contains("$not(FromPort = ToPort and FromPort in [80, 443])", openRules, StringComparison.Ordinal);
        // Every failing action ends in a notification that asks for a manual response.
        Assert.All(
            states.Where(s => s.Value!["Catch"] is not null),
            s => Assert.Equal("NotifyResponseFailed", (string)s.Value!["Catch"]![0]!["Next"]!));
    }

    [Fact]
    public void MON_08_response_role_may_only_do_what_the_workflow_does()
    {
        var stateMachine = _template.Single("AWS::StepFunctions::StateMachine").Resource.Properties();
        var roleId = Target(stateMachine["RoleArn"]);

        var trust = Assert.Single(Statements(_template.Resource(roleId).Properties()["AssumeRolePolicyDocument"]));
        Assert.Equal(["states.amazonaws.com"], trust.ServicePrincipals());
        Assert.Equal(["arn:${AWS::Partition}:states:eu-west-1:111111111111:stateMachine:webapp-dev-security-response"], trust.Condition("ArnLike", "aws:SourceArn"));
        var statements = _template.PolicyStatementsOfRole(roleId);
        Assert.Equal(
            [$"arn:${{AWS::Partition}}:ecs:eu-west-1:111111111111:task/${{{_template.Single("AWS::ECS::Cluster").LogicalId}}}/*"],
            statements.Single(s => s.Actions().Contains("ecs:StopTask")).Resources());
        Assert.Equal(
            ["arn:${AWS::Partition}:ec2:eu-west-1:111111111111:security-group/*"],
            statements.Single(s => s.Actions().Contains("ec2:RevokeSecurityGroupIngress")).Resources());
        Assert.Equal(
            ["webapp/dev/SecurityKpis"],
            statements.Single(s => s.Actions().Contains("cloudwatch:PutMetricData")).Condition("StringEquals", "cloudwatch:namespace"));
        Assert.Equal(
            [_template.Single("AWS::SNS::Topic").LogicalId],
            statements.Single(s => s.Actions().Contains("sns:Publish")).Resources().Select(r => r.Trim('$', '{', '}')).ToList());
        Assert.DoesNotContain(statements.SelectMany(s => s.Actions()), a => a.StartsWith("iam:", StringComparison.Ordinal) || a.EndsWith(":*", StringComparison.Ordinal));
    }

    [Fact]
    public void IAM_02_the_response_stops_only_tasks_of_the_application_cluster()
    {
        var stateMachine = _template.Single("AWS::StepFunctions::StateMachine").Resource.Properties();
        var cluster = _template.Single("AWS::ECS::Cluster").LogicalId;

        // Task ARNs carry their cluster's name: the grant names the application's cluster, not every task.
        var stopTask = _template.PolicyStatementsOfRole(Target(stateMachine["RoleArn"])).Single(s => s.Actions().Contains("ecs:StopTask"));
        Assert.Equal([$"arn:${{AWS::Partition}}:ecs:eu-west-1:111111111111:task/${{{cluster}}}/*"], stopTask.Resources());

        // The workflow only tries when the finding names that cluster; a task elsewhere gets a manual response.
        var stop = Definition()["States"]!["ChooseResponse"]!["Choices"]!.AsArray().Single(c => (string)c!["Next"]! == "StopCompromisedTask")!;
        Assert.Contains("$finding.detail.resource.ecsClusterDetails.arn = '${ApplicationClusterArn}'", (string)stop["Condition"]!, StringComparison.Ordinal);
        Assert.Equal($"${{{cluster}.Arn}}", Text(stateMachine["DefinitionSubstitutions"]!["ApplicationClusterArn"]));
    }

    [Fact]
    public void MON_08_response_executions_are_logged_to_an_encrypted_log_group()
    {
        var logging = _template.Single("AWS::StepFunctions::StateMachine").Resource.Properties()["LoggingConfiguration"]!;

        Assert.Equal("ALL", (string)logging["Level"]!);
        var logGroup = _template.Resource(Target(logging["Destinations"]![0]!["CloudWatchLogsLogGroup"]!["LogGroupArn"])).Properties();
        Assert.NotNull(logGroup["KmsKeyId"]);
        Assert.NotNull(logGroup["RetentionInDays"]);
    }

    [Fact]
    public void MON_10_dashboard_shows_the_six_kpis_against_their_targets()
    {
        var dashboard = _template.Single("AWS::CloudWatch::Dashboard").Resource.Properties();
        var body = ParseEmbeddedJson(dashboard["DashboardBody"]);

        var targets = body["widgets"]!.AsArray()
            .Where(w => (string)w!["type"]! == "metric")
            .ToDictionary(
                w => (string)w!["properties"]!["title"]!,
                w => (double)Assert.Single(w!["properties"]!["annotations"]!["horizontal"]!.AsArray())!["value"]!);
        Assert.Equal(15, targets["Mean time to detect (minutes)"]);
        Assert.Equal(30, targets["Mean time to respond (minutes)"]);
        Assert.Equal(1, targets["Failed authentication rate (%)"]);
        Assert.Equal(95, targets["Security rule compliance (%)"]);
        Assert.Equal(72, targets["Oldest open vulnerability (hours)"]);
        Assert.Equal(100, targets["Secrets rotation compliance (%)"]);
        Assert.Equal(6, targets.Count);
    }

    [Fact]
    public void MON_10_kpis_without_a_cloudwatch_metric_are_published_where_they_are_measured()
    {
        // MTTD and MTTR: by the response workflow, in the KPI namespace.
        var states = Definition()["States"]!;
        Assert.Equal("TimeToDetectMinutes", (string)states["RecordTimeToDetect"]!["Arguments"]!["MetricData"]![0]!["MetricName"]!);
        Assert.Equal("TimeToRespondMinutes", (string)states["RecordTimeToRespond"]!["Arguments"]!["MetricData"]![0]!["MetricName"]!);
        var substitutions = _template.Single("AWS::StepFunctions::StateMachine").Resource.Properties()["DefinitionSubstitutions"]!;
        Assert.Equal("webapp/dev/SecurityKpis", (string)substitutions["KpiNamespace"]!);

        // Rule compliance, secrets rotation, vulnerability age: by the hourly KPI function.
        var function = _template.OfType("AWS::Lambda::Function").Single(f => f.LogicalId.Contains("KpiPublisher", StringComparison.Ordinal));
        var environment = function.Resource.Properties()["Environment"]!["Variables"]!;
        Assert.Equal("webapp/dev/SecurityKpis", (string)environment["NAMESPACE"]!);
        var code = (string)function.Resource.Properties()["Code"]!["ZipFile"]!;
        Assert.All(["RuleCompliancePercent", "SecretsRotationCompliancePercent", "OldestOpenVulnerabilityHours", "put_metric_data"], word => Assert.Contains(word, code, StringComparison.Ordinal));
        Assert.True(code.Length < 4096, "inline code must stay under CloudFormation's 4 KB limit");
        Assert.Single(
            _template.OfType("AWS::Events::Rule"),
            r => (string?)r.Resource.Properties()["ScheduleExpression"] == "rate(1 hour)"
                && Target(r.Resource.Properties()["Targets"]![0]!["Arn"]) == function.LogicalId);
        var roleId = Target(function.Resource.Properties()["Role"]);
        var actions = _template.PolicyStatementsOfRole(roleId).SelectMany(s => s.Actions()).Order().ToList();
        Assert.Equal(["cloudwatch:PutMetricData", "config:GetComplianceDetailsByConfigRule", "logs:CreateLogStream", "logs:PutLogEvents", "securityhub:GetFindings"], actions);
    }

    [Fact]
    public void IAM_05_remediation_response_and_kpi_roles_act_only_in_their_stack_region()
    {
        // The roles monitoring makes for its own work: the runbooks' (trusting SSM Automation), the response
        // workflow's (Step Functions) and the KPI function's.
        var roles = _template.Monitoring("AWS::IAM::Role")
            .Where(r => r.LogicalId.Contains("KpiPublisher", StringComparison.Ordinal)
                || Statements(r.Resource.Properties()["AssumeRolePolicyDocument"]).Any(s => s.ServicePrincipals().Any(p => p is "ssm.amazonaws.com" or "states.amazonaws.com")))
            .Select(r => r.LogicalId)
            .ToList();
        Assert.Equal(5, roles.Count);

        // Grants on "*" or on ARNs without a region (S3) are pinned to the stack's region by aws:RequestedRegion.
        var unscoped = roles
            .SelectMany(role => _template.PolicyStatementsOfRole(role).Select(statement => (Role: role, Statement: statement)))
            .Where(g => g.Statement.Resources().Any(PinsNoRegion))
            .ToList();
        Assert.True(unscoped.Count >= 6, $"expected the runbooks', response's and KPI function's grants on \"*\" and S3, found {unscoped.Count}");
        Assert.All(unscoped, g => Assert.True(
            g.Statement.Condition("StringEquals", "aws:RequestedRegion").SequenceEqual(["eu-west-1"]),
            $"{g.Role} {g.Statement["Sid"]}: no aws:RequestedRegion eu-west-1"));
    }

    private static bool PinsNoRegion(string resource) =>
        resource == "*" || (resource.Split(':') is { Length: >= 6 } parts && (parts[3].Length == 0 || parts[3].Contains('*', StringComparison.Ordinal)));

    private JsonNode Definition() =>
        ParseEmbeddedJson(_template.Single("AWS::StepFunctions::StateMachine").Resource.Properties()["DefinitionString"]);
}
