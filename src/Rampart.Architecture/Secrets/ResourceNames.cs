using System.Text.RegularExpressions;

namespace Rampart.Architecture.Secrets;

/// <summary>
/// The seed's naming conventions in one place (SEC-04, SEC-05, DATA-06), so every construct and the
/// tests agree on them: secrets are <c>/&lt;environment&gt;/&lt;application&gt;/&lt;component&gt;/&lt;secret-type&gt;</c>,
/// parameters <c>/&lt;application&gt;/&lt;environment&gt;/&lt;component&gt;/&lt;parameter&gt;</c>, key aliases
/// <c>alias/&lt;application&gt;/&lt;environment&gt;/&lt;service&gt;</c>.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>What one segment of a name may be: lower-case letters, digits and inner hyphens.</summary>
    public const string SegmentPattern = "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$";

    /// <summary>A Secrets Manager secret name (SEC-04).</summary>
    public static string Secret(string environment, string application, string component, string secretType) =>
        "/" + string.Join('/', Checked(("environment", environment), ("application", application), ("component", component), ("secret type", secretType)));

    /// <summary>An SSM Parameter Store name (SEC-05).</summary>
    public static string Parameter(string application, string environment, string component, string parameter) =>
        "/" + string.Join('/', Checked(("application", application), ("environment", environment), ("component", component), ("parameter", parameter)));

    /// <summary>The parameter path a workload reads: <c>/&lt;application&gt;/&lt;environment&gt;</c>.</summary>
    public static string ParameterPath(string application, string environment) =>
        "/" + string.Join('/', Checked(("application", application), ("environment", environment)));

    /// <summary>A KMS key alias (DATA-06).</summary>
    public static string KeyAlias(string application, string environment, string service) =>
        "alias/" + string.Join('/', Checked(("application", application), ("environment", environment), ("service", service)));

    /// <summary>Throws one clear line unless <paramref name="name"/> has the four segments of a secret name.</summary>
    public static string CheckSecretName(string name)
    {
        var parts = name.Split('/');
        if (parts.Length != 5 || parts[0].Length != 0 || !parts.Skip(1).All(Segment().IsMatch))
        {
            throw new ArgumentException(
                $"Secret name '{name}' does not follow /<environment>/<application>/<component>/<secret-type> (e.g. /prod/webapp/database/credentials).");
        }

        return name;
    }

    /// <summary>Throws one clear line when <paramref name="value"/> is not a valid name segment.</summary>
    public static string CheckSegment(string what, string value)
    {
        if (string.IsNullOrEmpty(value) || !Segment().IsMatch(value))
        {
            throw new ArgumentException(
                $"{what} '{value}' is not a valid name segment: use lower-case letters, digits and inner hyphens (e.g. 'webapp').");
        }

        return value;
    }

    private static IEnumerable<string> Checked(params (string What, string Value)[] segments) =>
        segments.Select(s => CheckSegment(s.What, s.Value)).ToArray();

    [GeneratedRegex(SegmentPattern)]
    private static partial Regex Segment();
}
