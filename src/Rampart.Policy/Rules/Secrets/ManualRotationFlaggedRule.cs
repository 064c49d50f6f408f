using System.Globalization;
using System.Text.RegularExpressions;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-07: a secret that nothing rotates automatically (no <c>AWS::SecretsManager::RotationSchedule</c>; database
/// credentials are SEC-02's) is flagged for manual rotation, with a notification. Both parts are required:
/// <list type="bullet">
/// <item>the flag: a tag <c>rotation</c> = <c>manual-&lt;N&gt;-days</c> with N ≤ 90 on the secret (the seed's
/// quarterly rotation is <c>manual-90-days</c>), so every unrotated secret is a recorded decision;</item>
/// <item>the notification: somewhere in the deployment, an enabled <c>AWS::Events::Rule</c> or
/// <c>AWS::Scheduler::Schedule</c> firing at least quarterly (<c>rate</c> ≤ 90 days, or a <c>cron</c> never more
/// than 92 days apart) that targets an SNS topic, to remind the owners.</item>
/// </list>
/// </summary>
public sealed partial class ManualRotationFlaggedRule : IDeploymentRule
{
    private const int MaxDays = 90;
    private const int MaxCronDays = 92;

    public RuleMetadata Metadata { get; } = new(
        "SEC-07",
        "Secrets without automatic rotation are flagged for manual rotation every 90 days, with a notification",
        Severity.Medium,
        SeedSection.Secrets,
        [],
        new Remediation(
            CloudFormation: "Tag the secret {Key: rotation, Value: manual-90-days} and add an AWS::Events::Rule with ScheduleExpression: rate(90 days) whose Targets send to an AWS::SNS::Topic the owners subscribe to (or give the secret a RotationSchedule).",
            Cdk: "Tags.of(secret).add(\"rotation\", \"manual-90-days\"); new events.Rule(..., {schedule: events.Schedule.rate(Duration.days(90)), targets: [new targets.SnsTopic(rotationTopic)]})."))
    {
        SeedText = "Secret Rotation Strategy: API Keys: Manual quarterly rotation with notification; Application Secrets: Manual rotation based on security requirements.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!deployment.Has(SecretLinks.SecretType))
        {
            return null;
        }

        var hasReminder = deployment.Templates.Any(HasReminder);
        var found = new List<Violation>();
        foreach (var template in deployment.Templates)
        {
            var databaseCredentials = SecretLinks.DatabaseCredentials(template).Select(s => s.LogicalId).ToHashSet(StringComparer.Ordinal);
            var rotated = SecretLinks.RotationSchedules(template);
            foreach (var secret in template.OfType(SecretLinks.SecretType))
            {
                if (databaseCredentials.Contains(secret.LogicalId) || rotated.ContainsKey(secret.LogicalId))
                {
                    continue;
                }

                found.AddRange(Judge(secret, hasReminder));
            }
        }

        return found;
    }

    private static IEnumerable<Violation> Judge(ResourceContext secret, bool hasReminder)
    {
        const string Reminder = "no scheduled reminder (an EventBridge rule or schedule, at least every 90 days, to an SNS topic) exists in the deployment";
        var tags = secret.Get("Tags[*]")
            .Where(tag => secret.Get(tag, "Key").Any(k => string.Equals(k.AsString(), "rotation", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(tag => secret.Get(tag, "Value"))
            .ToList();
        if (tags.Count == 0)
        {
            yield return secret.Fail(
                hasReminder
                    ? "is not rotated automatically and not flagged for manual rotation: tag it rotation: manual-90-days"
                    : $"is not rotated automatically and not flagged for manual rotation: tag it rotation: manual-90-days; and {Reminder}",
                "rotation");
            yield break;
        }

        foreach (var value in tags)
        {
            if (value.IsUnknown)
            {
                yield return secret.Unprovable(value, $"has a rotation tag that cannot be resolved ({Arns.Describe(value)})", "rotation");
            }
            else if (ManualDays(value.AsString()) is not { } days || days > MaxDays)
            {
                yield return secret.Fail(value, $"has rotation tag \"{value.Describe()}\": a manually rotated secret is tagged manual-<N>-days with N at most {MaxDays}", "rotation");
            }
            else if (!hasReminder)
            {
                yield return secret.Fail(value, $"is flagged for manual rotation, but {Reminder}", "reminder") with { Proven = true };
            }
        }
    }

    /// <summary>True when the template has an enabled schedule, firing at least quarterly, that notifies an SNS topic.</summary>
    private static bool HasReminder(TemplateContext template)
    {
        foreach (var rule in template.OfType("AWS::Events::Rule"))
        {
            if (Enabled(rule) && FiresQuarterly(rule.Get("ScheduleExpression")) && rule.Get("Targets[*].Arn").Any(arn => IsTopic(rule, arn)))
            {
                return true;
            }
        }

        foreach (var schedule in template.OfType("AWS::Scheduler::Schedule"))
        {
            if (Enabled(schedule) && FiresQuarterly(schedule.Get("ScheduleExpression")) && schedule.Get("Target.Arn").Any(arn => IsTopic(schedule, arn)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Enabled(ResourceContext rule) => rule.Get("State").All(s => s.AsString() is not ("DISABLED" or "DISABLED_TEMPORARILY"));

    private static bool FiresQuarterly(IEnumerable<Resolved> expressions) => expressions.Any(e =>
        e.AsString() is { } text && Schedules.MaxIntervalDays(text) is { } days
        && days <= (text.TrimStart().StartsWith("cron", StringComparison.OrdinalIgnoreCase) ? MaxCronDays : MaxDays));

    private static bool IsTopic(ResourceContext rule, Resolved arn) =>
        rule.Follow(arn)?.Type == "AWS::SNS::Topic" || (Arns.Text(arn) is { } text && Arns.Service(text) == "sns");

    private static int? ManualDays(string? value) =>
        value is not null && ManualTagPattern().Match(value) is { Success: true } match
            ? int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"^manual-(?<days>\d{1,4})-days$")]
    private static partial Regex ManualTagPattern();
}
