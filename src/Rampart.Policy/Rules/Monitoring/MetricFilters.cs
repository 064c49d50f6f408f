namespace Rampart.Policy.Rules.Monitoring;

/// <summary>A metric filter of the deployment: its pattern and the metrics it publishes.</summary>
public sealed record MetricFilter(ResourceContext Resource, string Pattern, IReadOnlyList<(string? Namespace, string Name)> Metrics)
{
    /// <summary>Every <c>AWS::Logs::MetricFilter</c> with a known pattern.</summary>
    public static IReadOnlyList<MetricFilter> All(DeploymentContext deployment) =>
        deployment.OfType("AWS::Logs::MetricFilter")
            .Select(filter => new MetricFilter(
                filter,
                string.Join(' ', Workloads.Strings(filter, filter.Get("FilterPattern"))),
                filter.Get("MetricTransformations[*]")
                    .Select(t => (filter.Get(t, "MetricNamespace").Select(n => n.AsString()).FirstOrDefault(), filter.Get(t, "MetricName").Select(n => n.AsString()).FirstOrDefault()))
                    .Where(m => m.Item2 is not null)
                    .Select(m => (m.Item1, m.Item2!))
                    .ToList()))
            .ToList();

    /// <summary>The metric names every CloudWatch alarm of the deployment watches (single metric and metric math).</summary>
    public static IReadOnlySet<string> AlarmedMetrics(DeploymentContext deployment)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alarm in deployment.OfType("AWS::CloudWatch::Alarm"))
        {
            names.UnionWith(alarm.Get("MetricName").Select(v => v.AsString()).OfType<string>());
            names.UnionWith(alarm.Get("Metrics[*].MetricStat.Metric.MetricName").Select(v => v.AsString()).OfType<string>());
        }

        return names;
    }

    /// <summary>True when the pattern mentions every token of one of the alternatives (case-insensitive).</summary>
    public bool Mentions(params string[][] alternatives) =>
        alternatives.Any(tokens => tokens.All(token => Pattern.Contains(token, StringComparison.OrdinalIgnoreCase)));

    public bool IsAlarmed(IReadOnlySet<string> alarmed) => Metrics.Any(m => alarmed.Contains(m.Name));
}
