using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>A name judged against a naming convention: valid, invalid (with why), or not known from the template.</summary>
public sealed record NameVerdict(bool? Valid, string? Problem)
{
    public static NameVerdict Ok { get; } = new(true, null);

    public static NameVerdict Unknown(string why) => new(null, why);

    public static NameVerdict Wrong(string why) => new(false, why);
}

/// <summary>
/// The seed's four-level names: secrets <c>/&lt;environment&gt;/&lt;application&gt;/&lt;component&gt;/&lt;secret-type&gt;</c>
/// (SEC-04) and parameters <c>/&lt;application&gt;/&lt;environment&gt;/&lt;component&gt;/&lt;parameter&gt;</c> (SEC-05).
/// Each level is lower-case letters, digits and hyphens (<c>payment-api-key</c>); the environment level is one of
/// <see cref="Environments"/>, which also catches the two conventions swapped. A name built with
/// <c>Fn::Sub</c>/<c>Fn::Join</c> is judged on its known text, each unknown part standing for text within one
/// level: <c>/${Env}/webapp/database/credentials</c> is not proven, <c>/webapp/credentials</c> is wrong whatever
/// the parameters say.
/// </summary>
public static class HierarchicalNames
{
    /// <summary>
    /// The accepted environment names: the seed's (prod, staging, dev) and the usual others. A deliberately closed
    /// list: an unlisted environment is reported, and is added here when it is real.
    /// </summary>
    public static IReadOnlyList<string> Environments { get; } = ["prod", "staging", "dev", "test", "qa", "uat", "preprod", "sandbox"];

    /// <summary>Judges a name value with the environment at level <paramref name="environmentLevel"/> (0-based).</summary>
    public static NameVerdict Judge(Resolved name, int environmentLevel)
    {
        var text = Arns.Text(name);
        if (text is null)
        {
            return NameVerdict.Unknown($"the name cannot be resolved ({Arns.Describe(name)})");
        }

        return JudgeText(text, environmentLevel);
    }

    /// <summary>Judges a name's text, unknown parts written as <see cref="Arns.Placeholder"/>.</summary>
    public static NameVerdict JudgeText(string text, int environmentLevel)
    {
        var placeholder = Arns.Placeholder;
        if (text.Length == 0 || (text[0] != '/' && text[0] != placeholder))
        {
            return NameVerdict.Wrong("it does not start with \"/\"");
        }

        var levels = text.TrimStart('/').Split('/');
        if (levels.Length != 4)
        {
            return NameVerdict.Wrong($"it has {levels.Length} level{(levels.Length == 1 ? string.Empty : "s")}, not 4");
        }

        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Length == 0)
            {
                return NameVerdict.Wrong($"level {i + 1} is empty");
            }

            if (level.Any(c => c != placeholder && !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                return NameVerdict.Wrong($"level {i + 1} (\"{Show(level)}\") is not lower-case letters, digits and hyphens");
            }
        }

        var environment = levels[environmentLevel];
        if (!environment.Contains(placeholder, StringComparison.Ordinal) && !Environments.Contains(environment))
        {
            return NameVerdict.Wrong($"level {environmentLevel + 1} (\"{environment}\") is not an environment ({string.Join(", ", Environments)})");
        }

        return text.Contains(placeholder, StringComparison.Ordinal)
            ? NameVerdict.Unknown("part of the name is only known at deployment")
            : NameVerdict.Ok;
    }

    private static string Show(string level) => level.Replace(Arns.Placeholder.ToString(), "${...}", StringComparison.Ordinal);
}
