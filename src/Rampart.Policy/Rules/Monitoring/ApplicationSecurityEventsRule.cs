namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-07: application security events (authentication success and failure, authorization denial, data
/// access, configuration change) are counted by metric filters, and an alarm watches failed
/// authentication. A filter is recognised by what its pattern names (e.g. <c>{ $.event = "authentication"
/// &amp;&amp; $.outcome = "failure" }</c>): a heuristic, since each application chooses its log shape.
/// </summary>
public sealed class ApplicationSecurityEventsRule : IDeploymentRule
{
    private static readonly (string Key, string What, string[][] Tokens)[] Events =
    [
        ("authentication-success", "successful authentication", [["authentication", "success"], ["login", "success"]]),
        ("authentication-failure", "failed authentication", [["authentication", "fail"], ["login", "fail"]]),
        ("authorization-denial", "authorization denials", [["authorization", "den"], ["authorization", "fail"], ["forbidden"]]),
        ("data-access", "data access", [["data_access"], ["data-access"], ["dataaccess"]]),
        ("configuration-change", "configuration changes", [["configuration_change"], ["configuration-change"], ["config_change"], ["configurationchange"]]),
    ];

    public RuleMetadata Metadata { get; } = new(
        "MON-07",
        "Application security events are counted, and failed authentication alarms",
        Severity.Low,
        SeedSection.Monitoring,
        [],
        new Remediation(
            CloudFormation: "On the application's log group add AWS::Logs::MetricFilter resources for authentication success/failure, authorization denial, data access and configuration change events, and an AWS::CloudWatch::Alarm on the failed-authentication rate (metric math failures / (failures + successes) * 100 > 1).",
            Cdk: "appLogGroup.addMetricFilter('AuthFailures', { filterPattern: FilterPattern.all(FilterPattern.stringValue('$.event', '=', 'authentication'), FilterPattern.stringValue('$.outcome', '=', 'failure')), ... }) and a MathExpression alarm with threshold 1."))
    {
        SeedText = "Application Security Logging: authentication attempts (success/failure), authorization decisions, data access patterns, configuration changes, security-relevant application events; Failed Authentication Rate target < 1%.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!deployment.Has([.. Workloads.ApplicationTypes]))
        {
            return null;
        }

        var filters = MetricFilter.All(deployment);
        var violations = new List<Violation>();
        foreach (var (key, what, tokens) in Events)
        {
            if (!filters.Any(f => f.Mentions(tokens)))
            {
                violations.Add(deployment.Fail($"no metric filter counts the application's {what} events", Workloads.ApplicationTypes, key));
            }
        }

        var failures = filters.Where(f => f.Mentions(Events[1].Tokens)).ToList();
        if (failures.Count > 0 && !failures.Any(f => f.IsAlarmed(MetricFilter.AlarmedMetrics(deployment))))
        {
            violations.Add(failures[0].Resource.Fail("no alarm watches the failed-authentication metric (the seed's target: failed authentication < 1%)", "failed-authentication-alarm"));
        }

        return violations;
    }
}
