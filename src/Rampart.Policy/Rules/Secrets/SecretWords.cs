using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// Telling secrets by their names and by their look: property, variable and parameter names that hold a secret
/// (<c>MasterUserPassword</c>, <c>DB_PASSWORD</c>, <c>ApiKeyValue</c>), and values that are credentials whatever
/// their name (AWS access keys, private keys, well-known token formats). Tuned for few false positives: a name
/// that ends in what only points at a secret (<c>SecretArn</c>, <c>PASSWORD_SECRET_ID</c>, <c>ApiKeyName</c>) or
/// says something about it (<c>PasswordLength</c>, <c>TokenValidity</c>, <c>ApiKeyRequired</c>) is not a secret.
/// </summary>
public static partial class SecretWords
{
    /// <summary>Names ECS.8 (AWS Config <c>ecs-no-environment-secrets</c>) lists as secrets in container environments.</summary>
    public static IReadOnlyList<string> FsbpEnvironmentNames { get; } = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];

    /// <summary>What every credential pattern below starts with (a script assignment needs a line break).</summary>
    private static readonly SearchValues<string> CredentialPrefixes =
        SearchValues.Create(["AKIA", "ASIA", "PRIVATE KEY-----", "gh", "github_pat_", "xox", "sk_live_", "\n"], StringComparison.Ordinal);

    private static readonly HashSet<string> SecretWordSet = new(StringComparer.Ordinal) { "password", "passwd", "passphrase", "secret", "secrets", "token", "apikey", "accesskey", "privatekey", "clientsecret" };

    private static readonly (string First, string Second)[] SecretPairs = [("api", "key"), ("access", "key"), ("private", "key"), ("secret", "key"), ("auth", "key"), ("signing", "key"), ("encryption", "key")];

    // Last words that make a name point at, or describe, a secret rather than hold one.
    private static readonly HashSet<string> DescriptiveLastWords = new(StringComparer.Ordinal)
    {
        "name", "names", "arn", "arns", "id", "ids", "type", "types", "enabled", "enable", "required", "length", "policy",
        "rotation", "version", "versions", "url", "uri", "path", "prefix", "ttl", "validity", "duration", "expiration",
        "template", "header", "source", "file", "mode", "count", "days", "seconds", "minutes", "location", "endpoint",
        "region", "parameter", "parameters", "ref", "reference", "config", "configuration",
        "options", "settings", "characters", "provider", "format", "label", "labels", "stage", "schedule", "rules",
        "usage", "set", "role", "manager", "store", "field", "fields", "pattern", "resolver",
    };

    // SEC-01 asks this of every key of every template, and templates repeat a few hundred names: the verdict is
    // kept per name (up to a bound, so a hostile template with millions of distinct keys costs time, not memory).
    private const int MaxRemembered = 65_536;
    private static readonly ConcurrentDictionary<string, bool> Verdicts = new(StringComparer.Ordinal);

    /// <summary>True when a property, variable or parameter name says it holds a secret.</summary>
    public static bool LooksSecret(string name)
    {
        if (Verdicts.TryGetValue(name, out var known))
        {
            return known;
        }

        var verdict = JudgeName(name);
        if (Verdicts.Count < MaxRemembered)
        {
            Verdicts.TryAdd(name, verdict);
        }

        return verdict;
    }

    private static bool JudgeName(string name)
    {
        var words = Words(name);
        if (words.Count == 0 || DescriptiveLastWords.Contains(words[^1]))
        {
            return false;
        }

        if (words.Any(SecretWordSet.Contains))
        {
            return true;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (SecretPairs.Contains((words[i], words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a container environment name ECS.8 or <see cref="LooksSecret"/> flags.</summary>
    public static bool LooksSecretEnvironmentName(string name) =>
        FsbpEnvironmentNames.Contains(name, StringComparer.OrdinalIgnoreCase) || LooksSecret(name);

    /// <summary>
    /// What kind of credential a value is, whatever its name: an AWS access key ID, a private key, a GitHub, Slack
    /// or Stripe token, or a shell assignment of a secret-named variable to a literal in a script. Null when none.
    /// </summary>
    public static string? CredentialKind(string value)
    {
        // Each pattern starts with a fixed text: most values hold none of them, and one vectorised search tells.
        if (value.AsSpan().IndexOfAny(CredentialPrefixes) < 0)
        {
            return null;
        }

        if ((value.Contains("AKIA", StringComparison.Ordinal) || value.Contains("ASIA", StringComparison.Ordinal)) && AccessKeyPattern().IsMatch(value))
        {
            return "an AWS access key ID";
        }

        if (value.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && PrivateKeyPattern().IsMatch(value))
        {
            return "a private key";
        }

        if (MayHoldToken(value) && TokenPattern().IsMatch(value))
        {
            return "an API token";
        }

        if (value.Contains('\n', StringComparison.Ordinal)
            && ScriptAssignmentPattern().Matches(value).FirstOrDefault(m => LooksSecret(m.Groups["name"].Value)) is { } assignment)
        {
            return $"a literal {assignment.Groups["name"].Value} in a script";
        }

        return null;
    }

    private static bool MayHoldToken(string value) =>
        value.Contains("gh", StringComparison.Ordinal) || value.Contains("github_pat_", StringComparison.Ordinal) || value.Contains("xox", StringComparison.Ordinal) || value.Contains("sk_live_", StringComparison.Ordinal);

    /// <summary>True when a value fetches the secret at deploy time from Secrets Manager or a SecureString parameter.</summary>
    public static bool IsSecretReference(string value) =>
        value.Contains("{{resolve:secretsmanager:", StringComparison.Ordinal) || value.Contains("{{resolve:ssm-secure:", StringComparison.Ordinal);

    /// <summary>
    /// The words of a name, lower-case: split at <c>_</c>, <c>-</c>, <c>.</c>, spaces and camel-case humps
    /// (<c>MasterUserPassword</c> gives master, user, password; <c>APIKey</c> gives api, key).
    /// </summary>
    public static IReadOnlyList<string> Words(string name) =>
        WordPattern().Matches(name).Select(m => m.Value.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<![A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")]
    private static partial Regex AccessKeyPattern();

    [GeneratedRegex(@"-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----")]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,})\b")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^\s*(export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*['""]?(?<value>[^\s'""$`]{4,})", RegexOptions.Multiline)]
    private static partial Regex ScriptAssignmentPattern();
}
