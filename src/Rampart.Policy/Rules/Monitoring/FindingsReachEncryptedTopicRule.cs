using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-06: EventBridge rules route GuardDuty, Security Hub and Config findings to an SNS topic encrypted
/// with KMS, so a person hears of a finding within minutes (the seed's MTTD &lt; 15 min).
/// </summary>
public sealed class FindingsReachEncryptedTopicRule : IDeploymentRule
{
    private static readonly (string Source, string Service)[] Sources =
    [
        ("aws.guardduty", "GuardDuty"),
        ("aws.securityhub", "Security Hub"),
        ("aws.config", "AWS Config"),
    ];

    public RuleMetadata Metadata { get; } = new(
        "MON-06",
        "GuardDuty, Security Hub and Config findings reach an encrypted SNS topic",
        Severity.Medium,
        SeedSection.Monitoring,
        [FrameworkReference.Fsbp("SNS.1")],
        new Remediation(
            CloudFormation: "Add AWS::Events::Rule resources with EventPattern source aws.guardduty, aws.securityhub and aws.config, each with a target that is an AWS::SNS::Topic whose KmsMasterKeyId is a customer-managed key.",
            Cdk: "new Rule(this, 'GuardDutyFindings', { eventPattern: { source: ['aws.guardduty'] }, targets: [new SnsTopic(topic)] }) with new Topic(this, 'Alerts', { masterKey })."))
    {
        SeedText = "Continuous Monitoring: real-time threat detection and automated response; Mean Time to Detection (MTTD) target < 15 minutes.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var violations = new List<Violation>();
        var rules = deployment.OfType("AWS::Events::Rule").ToList();
        foreach (var (source, service) in Sources)
        {
            var routed = rules.Where(rule => Workloads.Strings(rule, rule.Get("EventPattern.source")).Contains(source)).ToList();
            if (routed.Count == 0)
            {
                violations.Add(deployment.Fail($"no EventBridge rule routes {service} findings ({source}) to anyone", Workloads.Types, source));
                continue;
            }

            var topics = routed.SelectMany(rule => rule.Get("Targets[*].Arn").Select(arn => (rule, arn))).ToList();
            var encrypted = topics.Any(t => t.rule.Follow(t.arn) is { Type: "AWS::SNS::Topic" } topic && topic.Get("KmsMasterKeyId").Any(k => !k.IsAbsent));
            if (encrypted)
            {
                continue;
            }

            var unknown = topics.FirstOrDefault(t => t.arn.Kind != ValueKind.ResourceReference);
            violations.Add(unknown.rule is not null
                ? unknown.rule.Unprovable(unknown.arn, $"{service} findings go to {unknown.arn.Describe()}, which is outside the template: cannot tell whether it is an encrypted SNS topic", source)
                : routed[0].Fail($"{service} findings do not reach an SNS topic encrypted with KMS", source));
        }

        return violations;
    }
}
