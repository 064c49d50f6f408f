using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecretRotationReminder"/>.</summary>
public sealed class SecretRotationReminderProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The alert topic that carries the reminder.</summary>
    public required SecurityAlerting Alerting { get; init; }

    /// <summary>The Config rule that lists the secrets overdue for rotation.</summary>
    public required string RotationRuleName { get; init; }

    /// <summary>Days between reminders. Default: 90 (the seed's quarterly manual rotation of API keys).</summary>
    public int IntervalDays { get; init; } = 90;
}

/// <summary>
/// SEC-07: secrets without automatic rotation (API keys for external services) are rotated by hand every
/// quarter. A scheduled rule e-mails the reminder every 90 days; the Config rule
/// <c>SECRETSMANAGER_SECRET_PERIODIC_ROTATION</c> flags each secret that is overdue, and MON-06 alerts on it.
/// </summary>
public sealed class SecretRotationReminder : Construct
{
    public SecretRotationReminder(Construct scope, string id, SecretRotationReminderProps props)
        : base(scope, id)
    {
        if (props.IntervalDays is < 1 or > 365)
        {
            throw new ArgumentException($"{nameof(SecretRotationReminderProps)}.{nameof(props.IntervalDays)}: {props.IntervalDays} is not accepted; use 1 to 365 days.", nameof(props));
        }

        Rule = new Rule(this, "Schedule", new RuleProps
        {
            Description = $"Every {props.IntervalDays} days: rotate the secrets that do not rotate automatically (SEC-07)",
            Schedule = Schedule.Rate(Duration.Days(props.IntervalDays)),
            Targets =
            [
                props.Alerting.Notify(RuleTargetInput.FromText(
                    $"Quarterly secret rotation is due for {props.Application} ({props.Environment}): rotate every secret under " +
                    $"/{props.Environment}/{props.Application}/ that has no automatic rotation (API keys for external services), " +
                    $"then confirm that AWS Config rule {props.RotationRuleName} reports them COMPLIANT.")),
            ],
        });
    }

    /// <summary>The scheduled rule.</summary>
    public IRule Rule { get; }
}
