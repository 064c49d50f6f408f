using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using Rampart.Architecture.Data;
using Rampart.Architecture.Identity;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecurityAlerting"/>.</summary>
public sealed class SecurityAlertingProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The address subscribed to the alert topic (it must confirm the subscription once).</summary>
    public required string AlertEmail { get; init; }

    /// <summary>Findings at or above this normalized severity (1-100) are alerted. 70 = HIGH.</summary>
    public required int SeverityThreshold { get; init; }

    /// <summary>
    /// The alerts key (<c>ServiceKeys.For(KeyService.Alerts)</c>) that encrypts the topic; this construct adds
    /// the publishers' use to its policy. Default: made here.
    /// </summary>
    public IKey? EncryptionKey { get; init; }
}

/// <summary>
/// MON-06: GuardDuty findings, Security Hub findings and Config compliance changes reach an SNS topic through
/// EventBridge within minutes. The topic has its own key, admits EventBridge rules and CloudWatch alarms of
/// this account only, refuses requests without TLS, and e-mails the security contact.
/// </summary>
public sealed class SecurityAlerting : Construct
{
    public SecurityAlerting(Construct scope, string id, SecurityAlertingProps props)
        : base(scope, id)
    {
        FindingPatterns.Validate(props.SeverityThreshold);
        if (string.IsNullOrWhiteSpace(props.AlertEmail) || !props.AlertEmail.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"AlertEmail: '{props.AlertEmail}' is not accepted; give one e-mail address.", nameof(props));
        }

        var stack = Stack.Of(this);

        // The topic's name is fixed so that the key policy can name the topic without depending on it.
        var topicName = $"{props.Application}-{props.Environment}-security-alerts";
        var topicArn = $"arn:{stack.Partition}:sns:{stack.Region}:{stack.Account}:{topicName}";
        var eventRules = $"arn:{stack.Partition}:events:{stack.Region}:{stack.Account}:rule/*";
        var alarms = $"arn:{stack.Partition}:cloudwatch:{stack.Region}:{stack.Account}:alarm:*";

        EncryptionKey = props.EncryptionKey ?? new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = props.Application,
            Environment = props.Environment,
        }).For(KeyService.Alerts);
        AllowPublisherToUseKey("EventBridgeRulesOfThisAccountPublish", "events.amazonaws.com", eventRules, topicArn);
        AllowPublisherToUseKey("CloudWatchAlarmsOfThisAccountPublish", "cloudwatch.amazonaws.com", alarms, topicArn);

        var topic = new Topic(this, "Topic", new TopicProps
        {
            TopicName = topicName,
            DisplayName = $"{props.Application} {props.Environment} security alerts",
            MasterKey = EncryptionKey,
            EnforceSSL = true,
        });
        Topic = topic;
        AdmitPublisher(topic, "EventBridgeRulesOfThisAccount", "events.amazonaws.com", eventRules);
        AdmitPublisher(topic, "CloudWatchAlarmsOfThisAccount", "cloudwatch.amazonaws.com", alarms);
        topic.AddSubscription(new EmailSubscription(props.AlertEmail));

        GuardDutyFindingsRule = new Rule(this, "GuardDutyFindings", new RuleProps
        {
            Description = $"GuardDuty findings of severity {FindingPatterns.GuardDutySeverity(props.SeverityThreshold):0.0} or more to the security alert topic (MON-06)",
            EventPattern = FindingPatterns.GuardDutyFindings(props.SeverityThreshold),
            Targets =
            [
                Notify(RuleTargetInput.FromText(
                    $"GuardDuty finding, severity {EventField.FromPath("$.detail.severity")}, in account {EventField.FromPath("$.detail.accountId")} " +
                    $"region {EventField.FromPath("$.detail.region")}: {EventField.FromPath("$.detail.title")} " +
                    $"(type {EventField.FromPath("$.detail.type")}, finding {EventField.FromPath("$.detail.id")})")),
            ],
        });

        SecurityHubFindingsRule = new Rule(this, "SecurityHubFindings", new RuleProps
        {
            Description = $"New Security Hub findings labelled {string.Join("/", FindingPatterns.SecurityHubLabels(props.SeverityThreshold))} to the security alert topic (MON-06)",
            EventPattern = FindingPatterns.SecurityHubFindings(props.SeverityThreshold),
            Targets =
            [
                Notify(RuleTargetInput.FromText(
                    $"Security Hub finding, severity {EventField.FromPath("$.detail.findings[0].Severity.Label")}, from {EventField.FromPath("$.detail.findings[0].ProductName")} " +
                    $"in account {EventField.FromPath("$.detail.findings[0].AwsAccountId")}: {EventField.FromPath("$.detail.findings[0].Title")} " +
                    $"(resource {EventField.FromPath("$.detail.findings[0].Resources[0].Id")})")),
            ],
        });

        ConfigNonComplianceRule = new Rule(this, "ConfigNonCompliance", new RuleProps
        {
            Description = "AWS Config rule evaluations turning NON_COMPLIANT to the security alert topic (MON-06)",
            EventPattern = FindingPatterns.ConfigNonCompliance(),
            Targets =
            [
                Notify(RuleTargetInput.FromText(
                    $"AWS Config: {EventField.FromPath("$.detail.resourceType")} {EventField.FromPath("$.detail.resourceId")} is NON_COMPLIANT with rule " +
                    $"{EventField.FromPath("$.detail.configRuleName")} in account {EventField.FromPath("$.detail.awsAccountId")} region {EventField.FromPath("$.detail.awsRegion")}")),
            ],
        });
    }

    /// <summary>The security alert topic.</summary>
    public ITopic Topic { get; }

    /// <summary>The topic's key; roles that publish must be named in its policy (see <see cref="AllowPublishingRole"/>).</summary>
    public IKey EncryptionKey { get; }

    public IRule GuardDutyFindingsRule { get; }

    public IRule SecurityHubFindingsRule { get; }

    public IRule ConfigNonComplianceRule { get; }

    /// <summary>An EventBridge target that publishes <paramref name="message"/> to the alert topic.</summary>
    public IRuleTarget Notify(RuleTargetInput message) => new EncryptedTopicTarget(Topic, message);

    /// <summary>Lets a role of this stack publish to the encrypted topic (identity policy and key policy).</summary>
    public void AllowPublishingRole(string sid, IRole role)
    {
        Topic.GrantPublish(role);
        KeyPolicies.AllowRole(EncryptionKey, sid, role, "kms:GenerateDataKey*", "kms:Decrypt");
    }

    // SNS encrypts each message under the topic's key on the publisher's behalf; the SNS guide's key policy
    // for AWS service publishers, with the publishing resources and the topic named.
    private void AllowPublisherToUseKey(string sid, string servicePrincipal, string sourceArns, string topicArn) =>
        KeyPolicies.AllowService(EncryptionKey, sid, servicePrincipal, ["kms:GenerateDataKey*", "kms:Decrypt"], new Dictionary<string, object>
        {
            ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArns },
            ["StringEquals"] = new Dictionary<string, object> { ["kms:EncryptionContext:aws:sns:topicArn"] = topicArn },
        });

    private static void AdmitPublisher(Topic topic, string sid, string servicePrincipal, string sourceArns)
    {
        var stack = Stack.Of(topic);
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ServicePrincipal(servicePrincipal)],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = TrustPolicies.OnBehalfOfAccount(topic, sourceArns),
        }));
    }
}
