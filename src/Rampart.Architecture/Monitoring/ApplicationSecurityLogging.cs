using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="ApplicationSecurityLogging"/>.</summary>
public sealed class ApplicationSecurityLoggingProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The key of the security log group.</summary>
    public required IKey EncryptionKey { get; init; }

    /// <summary>How long security events are kept.</summary>
    public required RetentionDays Retention { get; init; }

    /// <summary>Where the failed-authentication alarm notifies.</summary>
    public required ITopic AlarmTopic { get; init; }

    /// <summary>The failed-authentication rate (percent) above which the alarm fires. Default: 1, the seed's target.</summary>
    public double FailedAuthenticationRateThreshold { get; init; } = 1;
}

/// <summary>
/// MON-07: the application's security log group and the metrics counted from it. The application writes one
/// JSON object per event (see <see cref="Events"/>): authentication success and failure, authorization
/// denial, data access and configuration change are counted, and the failed-authentication rate alarms
/// above 1% of attempts.
/// </summary>
public sealed class ApplicationSecurityLogging : Construct
{
    /// <summary>The event shape the application must log: <c>{ "event": "&lt;event&gt;", "outcome": "&lt;outcome&gt;", ... }</c>.</summary>
    public static class Events
    {
        public const string Authentication = "authentication";
        public const string Authorization = "authorization";
        public const string DataAccess = "data_access";
        public const string ConfigurationChange = "configuration_change";
        public const string Success = "success";
        public const string Failure = "failure";
        public const string Denied = "denied";
    }

    /// <summary>Metric names, stable: the dashboard and any external tooling read them.</summary>
    public static class MetricNames
    {
        public const string AuthenticationSuccesses = "AuthenticationSuccesses";
        public const string AuthenticationFailures = "AuthenticationFailures";
        public const string AuthorizationDenials = "AuthorizationDenials";
        public const string DataAccessEvents = "DataAccessEvents";
        public const string ConfigurationChanges = "ConfigurationChanges";
    }

    public ApplicationSecurityLogging(Construct scope, string id, ApplicationSecurityLoggingProps props)
        : base(scope, id)
    {
        MetricNamespace = MonitoringNames.MetricNamespace(props.Application, props.Environment, "SecurityEvents");
        var logGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            LogGroupName = $"/{props.Application}/{props.Environment}/security",
            EncryptionKey = props.EncryptionKey,
            Retention = props.Retention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        LogGroup = logGroup;

        AuthenticationSuccesses = Count(logGroup, MetricNames.AuthenticationSuccesses, Matches(Events.Authentication, Events.Success));
        AuthenticationFailures = Count(logGroup, MetricNames.AuthenticationFailures, Matches(Events.Authentication, Events.Failure));
        AuthorizationDenials = Count(logGroup, MetricNames.AuthorizationDenials, Matches(Events.Authorization, Events.Denied));
        DataAccessEvents = Count(logGroup, MetricNames.DataAccessEvents, Matches(Events.DataAccess));
        ConfigurationChanges = Count(logGroup, MetricNames.ConfigurationChanges, Matches(Events.ConfigurationChange));

        // failures / (successes + failures) * 100; FILL keeps a period with only one kind of event computable.
        FailedAuthenticationRate = new MathExpression(new MathExpressionProps
        {
            Expression = "FILL(failures, 0) / (FILL(successes, 0) + FILL(failures, 0)) * 100",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["failures"] = AuthenticationFailures,
                ["successes"] = AuthenticationSuccesses,
            },
            Label = "Failed authentication rate (%)",
            Period = Duration.Minutes(5),
        });

        var alarm = new Alarm(this, "FailedAuthenticationRateAlarm", new AlarmProps
        {
            AlarmName = $"{props.Application}-{props.Environment}-failed-authentication-rate",
            AlarmDescription = $"More than {props.FailedAuthenticationRateThreshold}% of authentication attempts failed in 5 minutes (MON-07; seed KPI: failed authentication rate < 1%)",
            Metric = FailedAuthenticationRate,
            Threshold = props.FailedAuthenticationRateThreshold,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            // No attempts at all is not an attack.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(new SnsAction(props.AlarmTopic));
        FailedAuthenticationAlarm = alarm;
    }

    /// <summary>The log group the application writes its security events to.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The namespace of the counted metrics.</summary>
    public string MetricNamespace { get; }

    public IMetric AuthenticationSuccesses { get; }

    public IMetric AuthenticationFailures { get; }

    public IMetric AuthorizationDenials { get; }

    public IMetric DataAccessEvents { get; }

    public IMetric ConfigurationChanges { get; }

    /// <summary>The failed-authentication rate in percent (the seed's KPI).</summary>
    public IMetric FailedAuthenticationRate { get; }

    /// <summary>The alarm on <see cref="FailedAuthenticationRate"/>.</summary>
    public IAlarm FailedAuthenticationAlarm { get; }

    /// <summary>The JSON filter pattern of an event, and of its outcome when given.</summary>
    public static string Matches(string eventName, string? outcome = null) => outcome is null
        ? $"{{ $.event = \"{eventName}\" }}"
        : $"{{ ($.event = \"{eventName}\") && ($.outcome = \"{outcome}\") }}";

    private Metric Count(LogGroup logGroup, string metricName, string pattern)
    {
        logGroup.AddMetricFilter(metricName, new MetricFilterOptions
        {
            FilterPattern = FilterPattern.Literal(pattern),
            MetricNamespace = MetricNamespace,
            MetricName = metricName,
            MetricValue = "1",
            // Zero when events arrive but none match: rates stay defined in quiet periods.
            DefaultValue = 0,
            Unit = Unit.COUNT,
        });

        return new Metric(new MetricProps
        {
            Namespace = MetricNamespace,
            MetricName = metricName,
            Statistic = "Sum",
            Period = Duration.Minutes(5),
            Unit = Unit.COUNT,
        });
    }
}
