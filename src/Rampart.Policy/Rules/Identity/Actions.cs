using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>IAM action names: wildcard matching, service-wide wildcards, and actions that take no resource ARN.</summary>
public static class Actions
{
    /// <summary>
    /// Actions that support no resource-level permission, so a statement granting them must say
    /// <c>Resource: *</c>. Source: the AWS Service Authorization Reference, where these actions have an empty
    /// "Resource types" column. The list is deliberately short and conservative: an action missing from it is
    /// reported when granted on <c>*</c>, and the fix is to name its resources (or, if it truly takes none, to
    /// add it here with its source).
    /// </summary>
    public static IReadOnlyList<string> WithoutResourceLevelPermissions { get; } =
    [
        "ecr:GetAuthorizationToken",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:GetSamplingStatisticSummaries",
        "cloudwatch:PutMetricData",
        "cloudwatch:GetMetricData",
        "cloudwatch:GetMetricStatistics",
        "cloudwatch:ListMetrics",
        "ec2:Describe*",
        "ec2:EnableEbsEncryptionByDefault",
        "ec2:DisableEbsEncryptionByDefault",
        "ec2:GetEbsEncryptionByDefault",
        "ec2:GetEbsDefaultKmsKeyId",
        "ec2:ModifyEbsDefaultKmsKeyId",
        "ec2:ResetEbsDefaultKmsKeyId",
        "elasticloadbalancing:Describe*",
        "autoscaling:Describe*",
        "ssm:DescribeParameters",
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
        "kms:CreateKey",
        "kms:ListKeys",
        "kms:ListAliases",
        "kms:GenerateRandom",
        "sts:GetCallerIdentity",
        "secretsmanager:GetRandomPassword",
        "secretsmanager:ListSecrets",
        "s3:ListAllMyBuckets",
        "sns:ListTopics",
        "sqs:ListQueues",
        "lambda:ListFunctions",
        "tag:GetResources",
    ];

    /// <summary>
    /// True when IAM's wildcard <paramref name="pattern"/> (<c>*</c> any run, <c>?</c> one character; action names
    /// are case-insensitive) matches <paramref name="action"/>. An action that is itself a pattern is matched as
    /// text, so <c>ec2:Describe*</c> matches the action <c>ec2:Describe*</c> but not <c>ec2:*</c>.
    /// </summary>
    public static bool Matches(string pattern, string action) => Glob(pattern.AsSpan(), action.AsSpan());

    /// <summary>True for <c>*</c> and <c>service:*</c>: every action, or every action of one service.</summary>
    public static bool IsServiceWide(string action)
    {
        if (action == "*")
        {
            return true;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && action.AsSpan(colon + 1) is "*";
    }

    /// <summary>True when granting <paramref name="action"/> on <c>*</c> is the only way to grant it.</summary>
    public static bool TakesNoResource(string action) => IsOneOf(action, WithoutResourceLevelPermissions);

    /// <summary>
    /// True when an action cannot be known at all (a parameter without default, an import): it could be <c>*</c>.
    /// A built action with known text (<c>s3:${Verb}</c>) is judged by its text.
    /// </summary>
    public static bool IsUnresolved(Resolved action) => action.IsUnknown && Text(action) is null;

    /// <summary>The text of an action, with unknown parts as <see cref="Arns.Placeholder"/>; null when nothing of it is known.</summary>
    public static string? Text(Resolved action)
    {
        var text = Arns.Text(action);
        return text is null || text.Trim(Arns.Placeholder).Length == 0 ? null : text;
    }

    /// <summary>The service prefix, lower-case (<c>s3</c> for <c>s3:GetObject</c>); empty for <c>*</c>.</summary>
    public static string Service(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? action[..colon].ToLowerInvariant() : string.Empty;
    }

    /// <summary>True when <paramref name="action"/> (which may hold wildcards) grants at least one of <paramref name="concrete"/>.</summary>
    public static bool GrantsAny(string action, IReadOnlyList<string> concrete)
    {
        // A loop, not Any(): called for every action of every statement, and a closure each time added up.
        for (var i = 0; i < concrete.Count; i++)
        {
            if (Matches(action, concrete[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="action"/> is one of <paramref name="allowed"/> (patterns allowed there, matched as text).</summary>
    public static bool IsOneOf(string action, IReadOnlyList<string> allowed)
    {
        for (var i = 0; i < allowed.Count; i++)
        {
            if (Matches(allowed[i], action))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative wildcard match with one backtrack point: linear in practice, no recursion.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
