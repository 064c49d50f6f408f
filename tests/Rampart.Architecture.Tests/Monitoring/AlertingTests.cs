using System.Text.Json.Nodes;
using Rampart.Architecture.Monitoring;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class AlertingTests(DefaultArchitecture architecture)
{
    private const string TopicArn = "arn:${AWS::Partition}:sns:eu-west-1:111111111111:webapp-dev-security-alerts";

    private readonly TemplateView _template = architecture.Workload();

    private string TopicId => _template.Single("AWS::SNS::Topic").LogicalId;

    [Fact]
    public void MON_06_guardduty_findings_at_or_above_the_threshold_reach_the_alert_topic()
    {
        var pattern = AlertRule("aws.guardduty")["EventPattern"]!;

        Assert.Equal(["GuardDuty Finding"], Texts(pattern["detail-type"]));
        var numeric = pattern["detail"]!["severity"]![0]!["numeric"]!.AsArray();
        Assert.Equal(">=", (string)numeric[0]!);
        Assert.Equal(7.0, (double)numeric[1]!);
    }

    [Fact]
    public void MON_06_new_high_and_critical_security_hub_findings_reach_the_alert_topic_once()
    {
        var findings = AlertRule("aws.securityhub")["EventPattern"]!["detail"]!["findings"]!;

        Assert.Equal(["HIGH", "CRITICAL"], Texts(findings["Severity"]!["Label"]));
        Assert.Equal(["NEW"], Texts(findings["Workflow"]!["Status"]));
        Assert.Equal(["ACTIVE"], Texts(findings["RecordState"]));
        // GuardDuty and Config findings also arrive through Security Hub; their own rules alert on them.
        Assert.Equal(["GuardDuty", "Config"], Texts(findings["ProductName"]![0]!["anything-but"]));
    }

    [Fact]
    public void MON_06_config_rules_turning_non_compliant_reach_the_alert_topic()
    {
        var pattern = AlertRule("aws.config")["EventPattern"]!;

        Assert.Equal(["Config Rules Compliance Change"], Texts(pattern["detail-type"]));
        Assert.Equal(["NON_COMPLIANT"], Texts(pattern["detail"]!["newEvaluationResult"]!["complianceType"]));
    }

    [Theory]
    [InlineData(70, 7.0, new[] { "HIGH", "CRITICAL" })]
    [InlineData(40, 4.0, new[] { "MEDIUM", "HIGH", "CRITICAL" })]
    [InlineData(75, 7.5, new[] { "HIGH", "CRITICAL" })]
    [InlineData(90, 9.0, new[] { "CRITICAL" })]
    public void MON_06_threshold_maps_onto_guardduty_and_security_hub_scales(int threshold, double guardDuty, string[] labels)
    {
        Assert.Equal(guardDuty, FindingPatterns.GuardDutySeverity(threshold));
        Assert.Equal(labels, FindingPatterns.SecurityHubLabels(threshold));
    }

    [Fact]
    public void MON_06_alert_topic_is_encrypted_with_its_own_rotating_key_usable_only_by_this_accounts_rules_and_alarms()
    {
        var keyId = Target(_template.Resource(TopicId).Properties()["KmsMasterKeyId"]);
        var key = _template.Resource(keyId).Properties();
        Assert.True((bool)key["EnableKeyRotation"]!);
        Assert.Contains("alias/webapp/dev/alerts", _template.AliasesOf(keyId));

        var statements = Statements(key["KeyPolicy"]);
        var events = Assert.Single(statements, s => s.ServicePrincipals().Contains("events.amazonaws.com"));
        Assert.Equal(["arn:${AWS::Partition}:events:eu-west-1:111111111111:rule/*"], events.Condition("ArnLike", "aws:SourceArn"));
        Assert.Equal([TopicArn], events.Condition("StringEquals", "kms:EncryptionContext:aws:sns:topicArn"));
        var alarms = Assert.Single(statements, s => s.ServicePrincipals().Contains("cloudwatch.amazonaws.com"));
        Assert.Equal(["arn:${AWS::Partition}:cloudwatch:eu-west-1:111111111111:alarm:*"], alarms.Condition("ArnLike", "aws:SourceArn"));
    }

    [Fact]
    public void MON_06_topic_policy_admits_only_this_accounts_eventbridge_rules_and_alarms_over_tls()
    {
        var policy = _template.Single("AWS::SNS::TopicPolicy").Resource.Properties();
        var statements = Statements(policy["PolicyDocument"]);

        var allows = statements.Where(s => s.Effect() == "Allow").ToList();
        Assert.Equal(["cloudwatch.amazonaws.com", "events.amazonaws.com"], allows.SelectMany(s => s.ServicePrincipals()).Order().ToList());
        Assert.All(allows, s => Assert.Equal(["111111111111"], s.Condition("StringEquals", "aws:SourceAccount")));
        Assert.All(allows, s => Assert.Equal(["sns:Publish"], s.Actions()));
        var tls = Assert.Single(statements, s => s.Effect() == "Deny");
        Assert.Equal(["false"], tls.Condition("Bool", "aws:SecureTransport"));
    }

    [Fact]
    public void MON_06_alerts_are_emailed_to_the_security_contact()
    {
        var subscription = _template.Single("AWS::SNS::Subscription").Resource.Properties();

        Assert.Equal("email", (string)subscription["Protocol"]!);
        Assert.Equal("security-alerts@example.com", (string)subscription["Endpoint"]!);
        Assert.Equal(TopicId, Target(subscription["TopicArn"]));
    }

    [Fact]
    public void MON_07_security_events_are_kept_in_an_encrypted_log_group_with_retention()
    {
        var logGroup = SecurityLogGroup().Properties();

        Assert.NotNull(logGroup["KmsKeyId"]);
        Assert.Equal(90, (int)logGroup["RetentionInDays"]!);
    }

    [Fact]
    public void MON_07_metric_filters_count_each_kind_of_security_event()
    {
        var logGroupId = SecurityLogGroupId();
        var filters = _template.OfType("AWS::Logs::MetricFilter")
            .Select(f => f.Resource.Properties())
            .Where(f => Target(f["LogGroupName"]) == logGroupId)
            .ToDictionary(f => (string)f["MetricTransformations"]![0]!["MetricName"]!, f => (string)f["FilterPattern"]!);

        Assert.Equal("{ ($.event = \"authentication\") && ($.outcome = \"success\") }", filters["AuthenticationSuccesses"]);
        Assert.Equal("{ ($.event = \"authentication\") && ($.outcome = \"failure\") }", filters["AuthenticationFailures"]);
        Assert.Equal("{ ($.event = \"authorization\") && ($.outcome = \"denied\") }", filters["AuthorizationDenials"]);
        Assert.Equal("{ $.event = \"data_access\" }", filters["DataAccessEvents"]);
        Assert.Equal("{ $.event = \"configuration_change\" }", filters["ConfigurationChanges"]);
    }

    [Fact]
    public void MON_07_failed_authentication_rate_above_one_percent_alarms_to_the_alert_topic()
    {
        var alarm = Assert.Single(_template.OfType("AWS::CloudWatch::Alarm"), a => Text(a.Resource.Properties()["AlarmName"]) == "webapp-dev-failed-authentication-rate").Resource.Properties();

        Assert.Equal(1.0, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanThreshold", (string)alarm["ComparisonOperator"]!);
        Assert.Equal([TopicId], alarm["AlarmActions"]!.AsArray().Select(Target).ToList());
        var metrics = alarm["Metrics"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var expression = (string)Assert.Single(metrics, m => m["Expression"] is not null)["Expression"]!;
        Assert.Equal("FILL(failures, 0) / (FILL(successes, 0) + FILL(failures, 0)) * 100", expression);
        Assert.Equal("AuthenticationFailures", (string)metrics.Single(m => (string)m["Id"]! == "failures")["MetricStat"]!["Metric"]!["MetricName"]!);
        Assert.Equal("AuthenticationSuccesses", (string)metrics.Single(m => (string)m["Id"]! == "successes")["MetricStat"]!["Metric"]!["MetricName"]!);
    }

    // Each CIS 4.x recommendation with words its filter must contain (independent of the construct's own table).
    public static TheoryData<string, string[]> CisRecommendations => new()
    {
        { "4.1", ["*UnauthorizedOperation", "AccessDenied*"] },
        { "4.2", ["ConsoleLogin", "MFAUsed", "\"Yes\""] },
        { "4.3", ["\"Root\"", "invokedBy NOT EXISTS", "AwsServiceEvent"] },
        { "4.4", ["PutRolePolicy", "AttachRolePolicy", "CreatePolicyVersion", "DetachUserPolicy"] },
        { "4.5", ["CreateTrail", "UpdateTrail", "DeleteTrail", "StopLogging"] },
        { "4.6", ["ConsoleLogin", "Failed authentication"] },
        { "4.7", ["kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion"] },
        { "4.8", ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl"] },
        { "4.9", ["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutConfigurationRecorder"] },
        { "4.10", ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"] },
        { "4.11", ["CreateNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"] },
        { "4.12", ["AttachInternetGateway", "CreateCustomerGateway"] },
        { "4.13", ["CreateRoute", "ReplaceRouteTableAssociation", "DisassociateRouteTable"] },
        { "4.14", ["CreateVpc", "ModifyVpcAttribute", "CreateVpcPeeringConnection"] },
    };

    [Theory]
    [MemberData(nameof(CisRecommendations))]
    public void MON_09_cis_metric_filter_on_the_trail_log_group_alarms_to_the_alert_topic(string recommendation, string[] mustMatch)
    {
        var alarm = Assert.Single(
            _template.OfType("AWS::CloudWatch::Alarm"),
            a => Text(a.Resource.Properties()["AlarmName"]).StartsWith($"webapp-dev-cis-{recommendation}-", StringComparison.Ordinal)).Resource.Properties();
        Assert.Equal([TopicId], alarm["AlarmActions"]!.AsArray().Select(Target).ToList());
        Assert.Equal(1.0, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string)alarm["ComparisonOperator"]!);
        Assert.Equal(300, (int)alarm["Period"]!);

        var filter = Assert.Single(
            _template.OfType("AWS::Logs::MetricFilter"),
            f => (string)f.Resource.Properties()["MetricTransformations"]![0]!["MetricName"]! == (string)alarm["MetricName"]!
                && (string)f.Resource.Properties()["MetricTransformations"]![0]!["MetricNamespace"]! == (string)alarm["Namespace"]!).Resource.Properties();
        var trailLogGroup = Target(_template.Single("AWS::CloudTrail::Trail").Resource.Properties()["CloudWatchLogsLogGroupArn"]);
        Assert.Equal(trailLogGroup, Target(filter["LogGroupName"]));
        var pattern = (string)filter["FilterPattern"]!;
        Assert.All(mustMatch, word => Assert.Contains(word, pattern, StringComparison.Ordinal));
    }

    [Fact]
    public void SEC_07_a_reminder_to_rotate_manual_secrets_reaches_the_alert_topic_every_90_days()
    {
        var rule = Assert.Single(_template.OfType("AWS::Events::Rule"), r => (string?)r.Resource.Properties()["ScheduleExpression"] == "rate(90 days)").Resource.Properties();

        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal(TopicId, Target(target["Arn"]));
        Assert.Contains("/dev/webapp/", Text(target["Input"]), StringComparison.Ordinal);
    }

    private JsonObject AlertRule(string source) =>
        Assert.Single(
            _template.OfType("AWS::Events::Rule"),
            r => Texts(r.Resource.Properties()["EventPattern"]?["source"]).Contains(source)
                && r.Resource.Properties()["Targets"]!.AsArray().Any(t => Target(t!["Arn"]) == TopicId)).Resource.Properties();

    private string SecurityLogGroupId() =>
        Assert.Single(_template.OfType("AWS::Logs::LogGroup"), g => (string?)g.Resource.Properties()["LogGroupName"] == "/webapp/dev/security").LogicalId;

    private JsonObject SecurityLogGroup() => _template.Resource(SecurityLogGroupId());
}
