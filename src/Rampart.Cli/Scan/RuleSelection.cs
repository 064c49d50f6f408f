using Rampart.Policy.Rules;

namespace Rampart.Cli.Scan;

/// <summary>Turns <c>--only</c> / <c>--skip</c> values (control IDs or section names) into a rule filter.</summary>
public static class RuleSelection
{
    /// <summary>The filter, or null when a value names no control or section (see <see cref="Problems"/>).</summary>
    public static Func<RuleMetadata, bool>? Parse(IReadOnlyList<string> only, IReadOnlyList<string> skip, IReadOnlyList<IRule> catalogue)
    {
        if (Problems(only, skip, catalogue).Any())
        {
            return null;
        }

        var onlyValues = Split(only);
        var skipValues = Split(skip);
        return rule => (onlyValues.Count == 0 || onlyValues.Any(v => Matches(v, rule))) && !skipValues.Any(v => Matches(v, rule));
    }

    public static IEnumerable<string> Problems(IReadOnlyList<string> only, IReadOnlyList<string> skip, IReadOnlyList<IRule> catalogue)
    {
        foreach (var (option, value) in Split(only).Select(v => ("--only", v)).Concat(Split(skip).Select(v => ("--skip", v))))
        {
            if (!catalogue.Any(rule => Matches(value, rule.Metadata)))
            {
                yield return $"{option} '{value}' names no control or section; accepted: a control ID (e.g. NET-07, see 'rampart controls') or a section ({string.Join(", ", Enum.GetNames<SeedSection>())})";
            }
        }
    }

    private static bool Matches(string value, RuleMetadata rule) =>
        string.Equals(value, rule.Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(value, rule.Section.ToString(), StringComparison.OrdinalIgnoreCase);

    private static List<string> Split(IReadOnlyList<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
