namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-09: the CIS AWS Foundations "monitoring" metric filters on CloudTrail's log group, each with an
/// alarm: unauthorized API calls, root use, console login without MFA, IAM policy, CloudTrail, Config,
/// security group, network ACL and route table changes. A filter is recognised by the event names its
/// pattern names (as the CIS benchmark writes them).
/// </summary>
public sealed class CisAlarmsRule : IDeploymentRule
{
    private static readonly (string Key, string What, string[][] Tokens)[] Required =
    [
        ("CIS 4.1", "unauthorized API calls", [["UnauthorizedOperation"], ["AccessDenied"]]),
        ("CIS 4.2", "console sign-in without MFA", [["ConsoleLogin", "MFAUsed"]]),
        ("CIS 4.3", "root account use", [["Root", "userIdentity.type"]]),
        ("CIS 4.4", "IAM policy changes", [["DeleteGroupPolicy"], ["PutUserPolicy"], ["AttachRolePolicy"], ["CreatePolicy"]]),
        ("CIS 4.5", "CloudTrail configuration changes", [["StopLogging"], ["UpdateTrail"], ["DeleteTrail"]]),
        ("CIS 4.9", "AWS Config configuration changes", [["StopConfigurationRecorder"], ["DeleteDeliveryChannel"]]),
        ("CIS 4.10", "security group changes", [["AuthorizeSecurityGroupIngress"], ["RevokeSecurityGroupIngress"]]),
        ("CIS 4.11", "network ACL changes", [["CreateNetworkAclEntry"], ["ReplaceNetworkAclEntry"], ["DeleteNetworkAcl"]]),
        ("CIS 4.13", "route table changes", [["CreateRoute"], ["ReplaceRoute"], ["DeleteRouteTable"]]),
    ];

    public RuleMetadata Metadata { get; } = new(
        "MON-09",
        "CIS CloudWatch alarms watch the trail for risky API activity",
        Severity.Medium,
        SeedSection.Monitoring,
        [FrameworkReference.Cis("4.1"), FrameworkReference.Cis("4.2"), FrameworkReference.Cis("4.3"), FrameworkReference.Cis("4.4"), FrameworkReference.Cis("4.5"), FrameworkReference.Cis("4.9"), FrameworkReference.Cis("4.10"), FrameworkReference.Cis("4.11"), FrameworkReference.Cis("4.13"), FrameworkReference.Fsbp("CloudWatch.1")],
        new Remediation(
            CloudFormation: "For each CIS 4.x event, add an AWS::Logs::MetricFilter on the trail's log group with the benchmark's FilterPattern (e.g. { ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }) and an AWS::CloudWatch::Alarm on its metric that notifies the security topic.",
            Cdk: "trailLogGroup.addMetricFilter(id, { filterPattern: FilterPattern.literal(...), metricNamespace: 'CISBenchmark', metricName }) and new Alarm(this, id, { metric: filter.metric(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new SnsAction(topic))."))
    {
        SeedText = "Fine-tune security monitoring and alerting; Continuous Monitoring: real-time threat detection.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var filters = MetricFilter.All(deployment);
        var alarmed = MetricFilter.AlarmedMetrics(deployment);
        var violations = new List<Violation>();
        foreach (var (key, what, tokens) in Required)
        {
            var matching = filters.Where(f => f.Mentions(tokens)).ToList();
            if (matching.Count == 0)
            {
                violations.Add(deployment.Fail($"no metric filter watches the trail for {what} ({key})", Workloads.Types, key));
            }
            else if (!matching.Any(f => f.IsAlarmed(alarmed)))
            {
                violations.Add(matching[0].Resource.Fail($"the metric filter for {what} ({key}) has no alarm on its metric", key));
            }
        }

        return violations;
    }
}
