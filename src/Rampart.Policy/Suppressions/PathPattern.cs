using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Policy.Suppressions;

/// <summary>Matches template paths against suppression file patterns: <c>*</c> within a folder, <c>**</c> across folders.</summary>
public static class PathPattern
{
    public static bool Matches(string pattern, string path)
    {
        var normalizedPath = path.Replace('\\', '/');
        var normalizedPattern = pattern.Replace('\\', '/');
        if (!normalizedPattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(normalizedPattern, normalizedPath, StringComparison.Ordinal)
                || normalizedPath.EndsWith("/" + normalizedPattern, StringComparison.Ordinal);
        }

        var regex = new StringBuilder("^(.*/)?");
        for (var i = 0; i < normalizedPattern.Length; i++)
        {
            var c = normalizedPattern[i];
            if (c == '*' && i + 1 < normalizedPattern.Length && normalizedPattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < normalizedPattern.Length && normalizedPattern[i + 1] == '/')
                {
                    // "**/" is zero or more whole folders: "a/**/web.yaml" must not match "a/myweb.yaml".
                    regex.Append("(.*/)?");
                    i++;
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        return Regex.IsMatch(normalizedPath, regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
