using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecurityDashboard"/>.</summary>
public sealed class SecurityDashboardProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The namespace of the published KPIs (response workflow and KPI function).</summary>
    public required string KpiNamespace { get; init; }

    /// <summary>The failed-authentication rate from the application's security log (MON-07).</summary>
    public required IMetric FailedAuthenticationRate { get; init; }
}

/// <summary>One of the seed's security KPIs: its metric, its target, and where the number comes from.</summary>
public sealed record SecurityKpi(string Title, double Target, string TargetLabel, string Source);

/// <summary>
/// MON-10: a CloudWatch dashboard with the seed's six KPIs, each a graph with its target drawn as a
/// horizontal annotation. MTTD and MTTR come from the response workflow, the failed-authentication rate
/// from the application's security log, the other three from the hourly KPI function.
/// </summary>
public sealed class SecurityDashboard : Construct
{
    public static readonly SecurityKpi MeanTimeToDetect = new("Mean time to detect (minutes)", 15, "Target < 15 min", "response workflow: run start - finding first observed");
    public static readonly SecurityKpi MeanTimeToRespond = new("Mean time to respond (minutes)", 30, "Target < 30 min", "response workflow: action done - finding first observed");
    public static readonly SecurityKpi FailedAuthenticationRate = new("Failed authentication rate (%)", 1, "Target < 1%", "application security log metric filters");
    public static readonly SecurityKpi SecurityRuleCompliance = new("Security rule compliance (%)", 95, "Target > 95%", "KPI function: compliant share of AWS Config evaluations");
    public static readonly SecurityKpi VulnerabilityRemediationTime = new("Oldest open vulnerability (hours)", 72, "Target < 72 h", "KPI function: age of the oldest open Security Hub vulnerability finding");
    public static readonly SecurityKpi SecretsRotationCompliance = new("Secrets rotation compliance (%)", 100, "Target 100%", "KPI function: compliant share of the periodic-rotation rule");

    /// <summary>The six KPIs in the seed's order.</summary>
    public static readonly IReadOnlyList<SecurityKpi> Kpis =
    [
        MeanTimeToDetect,
        MeanTimeToRespond,
        FailedAuthenticationRate,
        SecurityRuleCompliance,
        VulnerabilityRemediationTime,
        SecretsRotationCompliance,
    ];

    public SecurityDashboard(Construct scope, string id, SecurityDashboardProps props)
        : base(scope, id)
    {
        DashboardName = $"{props.Application}-{props.Environment}-security-kpis";
        var daily = Duration.Days(1);
        Metric Kpi(string name, string statistic) => new(new MetricProps
        {
            Namespace = props.KpiNamespace,
            MetricName = name,
            Statistic = statistic,
            Period = daily,
        });

        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = DashboardName,
            DefaultInterval = Duration.Days(30),
        });
        dashboard.AddWidgets(new TextWidget(new TextWidgetProps
        {
            Markdown =
                $"# {props.Application} ({props.Environment}) security KPIs\n" +
                "Targets from the security architecture. MTTD and MTTR are measured by the automated response on high-severity findings; " +
                "rule compliance, secrets rotation and vulnerability age are published hourly by the KPI function; " +
                "the failed-authentication rate comes from the application's security log.",
            Width = 24,
            Height = 2,
        }));
        dashboard.AddWidgets(
            Graph(MeanTimeToDetect, Kpi(ResponseWorkflow.TimeToDetectMetric, "Average")),
            Graph(MeanTimeToRespond, Kpi(ResponseWorkflow.TimeToRespondMetric, "Average")),
            Graph(FailedAuthenticationRate, props.FailedAuthenticationRate));
        dashboard.AddWidgets(
            Graph(SecurityRuleCompliance, Kpi(SecurityKpiPublisher.RuleComplianceMetric, "Minimum"), percent: true),
            Graph(VulnerabilityRemediationTime, Kpi(SecurityKpiPublisher.OldestOpenVulnerabilityMetric, "Maximum")),
            Graph(SecretsRotationCompliance, Kpi(SecurityKpiPublisher.SecretsRotationComplianceMetric, "Minimum"), percent: true));
        Dashboard = dashboard;
    }

    /// <summary>The dashboard's name.</summary>
    public string DashboardName { get; }

    /// <summary>The dashboard.</summary>
    public Dashboard Dashboard { get; }

    private static GraphWidget Graph(SecurityKpi kpi, IMetric metric, bool percent = false) => new(new GraphWidgetProps
    {
        Title = kpi.Title,
        Left = [metric],
        LeftAnnotations = [new HorizontalAnnotation { Value = kpi.Target, Label = kpi.TargetLabel, Color = Color.RED }],
        LeftYAxis = percent ? new YAxisProps { Min = 0, Max = 100 } : new YAxisProps { Min = 0 },
        Width = 8,
        Height = 6,
    });
}
