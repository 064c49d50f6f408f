using System.Globalization;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-02: database credentials rotate automatically every 30 days or less.
/// <list type="bullet">
/// <item>An RDS instance or cluster with <c>ManageMasterUserPassword: true</c> passes: RDS keeps the password in
/// Secrets Manager and rotates it (every 7 days unless changed).</item>
/// <item>Otherwise its <c>MasterUserPassword</c> must be a dynamic reference to a secret of the template, and every
/// secret holding database credentials (read that way, or attached to a database with a
/// <c>SecretTargetAttachment</c>) must have an <c>AWS::SecretsManager::RotationSchedule</c> whose
/// <c>RotationRules</c> rotate it at least every 30 days: <c>AutomaticallyAfterDays</c> ≤ 30,
/// <c>rate(N days)</c> with N ≤ 30, or a <c>cron(...)</c> that never leaves more than a calendar month (31 days)
/// between runs.</item>
/// </list>
/// A literal password, a parameter or a SecureString never rotates and fails. Instances of a cluster, read
/// replicas and snapshot restores without a password of their own inherit their credentials and are skipped.
/// </summary>
public sealed class DatabaseCredentialsRotateRule : ITemplateRule
{
    private const int MaxRateDays = 30;
    private const int MaxCronDays = 31;

    public RuleMetadata Metadata { get; } = new(
        "SEC-02",
        "Database credentials rotate automatically every 30 days or less",
        Severity.High,
        SeedSection.Secrets,
        [FrameworkReference.Fsbp("SecretsManager.1"), FrameworkReference.Fsbp("SecretsManager.4"), FrameworkReference.Config("secretsmanager-rotation-enabled-check")],
        new Remediation(
            CloudFormation: "Set ManageMasterUserPassword: true on the DB instance or cluster, or keep the credentials in an AWS::SecretsManager::Secret attached with a SecretTargetAttachment and add an AWS::SecretsManager::RotationSchedule with RotationRules: {AutomaticallyAfterDays: 30} (and HostedRotationLambda or RotationLambdaARN).",
            Cdk: "Use credentials: rds.Credentials.fromGeneratedSecret(...) and call database.addRotationSingleUser({automaticallyAfter: Duration.days(30)}) (or secret.addRotationSchedule(...)); or set manageMasterUserPassword."))
    {
        SeedText = "Secret Rotation Strategy: Database Credentials: Automatic 30-day rotation.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var databases = template.OfType(SecretLinks.DbInstanceType).Concat(template.OfType(SecretLinks.DbClusterType)).ToList();
        if (databases.Count == 0 && !template.OfType(SecretLinks.TargetAttachmentType).Any())
        {
            return null;
        }

        var found = new List<Violation>();
        foreach (var database in databases)
        {
            found.AddRange(JudgeDatabase(template, database));
        }

        var schedules = SecretLinks.RotationSchedules(template);
        foreach (var secret in SecretLinks.DatabaseCredentials(template))
        {
            found.AddRange(JudgeSecret(secret, schedules.GetValueOrDefault(secret.LogicalId) ?? []));
        }

        return found;
    }

    private static IEnumerable<Violation> JudgeDatabase(TemplateContext template, ResourceContext database)
    {
        if (database.Get("ManageMasterUserPassword").Any(m => m.AsBoolean() == true && m.Guard.IsAlways))
        {
            yield break;
        }

        foreach (var password in database.Get("MasterUserPassword"))
        {
            if (password.IsAbsent)
            {
                continue; // managed by RDS under this condition, inherited, or not set: nothing here to rotate
            }

            var text = password.Kind == ValueKind.Unknown ? password.PartialText : password.AsString();
            if (text is not null && text.Contains("{{resolve:ssm-secure:", StringComparison.Ordinal))
            {
                yield return database.Fail(password, "reads the master password from a SecureString parameter, which Parameter Store never rotates: keep it in a rotated Secrets Manager secret or set ManageMasterUserPassword") with { Proven = true };
            }
            else if (text is not null && text.Contains("{{resolve:secretsmanager:", StringComparison.Ordinal))
            {
                if (!SecretLinks.DynamicallyReferenced(template, password).Any())
                {
                    yield return database.Unprovable(password, $"reads the master password from a secret outside the template ({Arns.Describe(password)}): its rotation cannot be checked");
                }
            }
            else if (password.IsKnownScalar)
            {
                yield return database.Fail(password, "has a literal master password, which nothing rotates: set ManageMasterUserPassword or use a rotated secret");
            }
            else if (password.IsUnknown && password.UnknownReason?.StartsWith("parameter ", StringComparison.Ordinal) == true)
            {
                yield return database.Fail(password, "takes the master password from a parameter, which nothing rotates: set ManageMasterUserPassword or use a rotated secret") with { Proven = true };
            }
            else
            {
                yield return database.Unprovable(password, $"takes the master password from a value the template does not show ({Arns.Describe(password)}): its rotation cannot be checked");
            }
        }
    }

    private static IEnumerable<Violation> JudgeSecret(ResourceContext secret, List<ResourceContext> schedules)
    {
        if (schedules.Count == 0)
        {
            yield return secret.Fail("holds database credentials but has no AWS::SecretsManager::RotationSchedule: rotate it every 30 days", "no-rotation");
            yield break;
        }

        foreach (var schedule in schedules)
        {
            foreach (var rules in schedule.Get("RotationRules"))
            {
                if (rules.IsUnknown)
                {
                    yield return schedule.Unprovable(rules, $"rotates on rules that cannot be resolved ({Arns.Describe(rules)})");
                    continue;
                }

                var days = schedule.Get(rules, "AutomaticallyAfterDays").ToList();
                var expressions = schedule.Get(rules, "ScheduleExpression").ToList();
                if (days.All(d => d.IsAbsent) && expressions.All(e => e.IsAbsent))
                {
                    yield return schedule.Fail(rules, "sets no rotation interval (AutomaticallyAfterDays or ScheduleExpression): rotate every 30 days");
                    continue;
                }

                foreach (var violation in days.Where(d => !d.IsAbsent).SelectMany(d => JudgeDays(schedule, d)).Concat(expressions.Where(e => !e.IsAbsent).SelectMany(e => JudgeExpression(schedule, e))))
                {
                    yield return violation;
                }
            }
        }
    }

    private static IEnumerable<Violation> JudgeDays(ResourceContext schedule, Resolved days)
    {
        if (days.AsInteger() is { } number)
        {
            if (number > MaxRateDays)
            {
                yield return schedule.Fail(days, $"rotates every {number.ToString(CultureInfo.InvariantCulture)} days: database credentials rotate every {MaxRateDays} days or less");
            }
        }
        else
        {
            yield return schedule.Unprovable(days, $"rotates after a number of days that cannot be resolved ({Arns.Describe(days)})");
        }
    }

    private static IEnumerable<Violation> JudgeExpression(ResourceContext schedule, Resolved expression)
    {
        if (expression.AsString() is not { } text || Schedules.MaxIntervalDays(text) is not { } interval)
        {
            yield return schedule.Unprovable(expression, $"rotates on a schedule that cannot be read ({Arns.Describe(expression)})");
            yield break;
        }

        var limit = text.TrimStart().StartsWith("cron", StringComparison.OrdinalIgnoreCase) ? MaxCronDays : MaxRateDays;
        if (interval > limit)
        {
            var gap = double.IsInfinity(interval) ? "almost never" : $"up to {interval.ToString("0.#", CultureInfo.InvariantCulture)} days apart";
            yield return schedule.Fail(expression, $"rotates {gap} ({text}): database credentials rotate every {MaxRateDays} days or less");
        }
    }
}
