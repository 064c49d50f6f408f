using System.Globalization;
using Rampart.Policy.Model;

namespace Rampart.Policy.Suppressions;

/// <summary>
/// Reads suppressions from a resource's metadata:
/// <code>
/// Metadata:
///   rampart:
///     suppressions:
///       - id: NET-07
///         reason: "Public HTTPS listener: the seed admits 443 from CloudFront only, see ..."
///         finding: port 443   # optional: only this finding of NET-07 (its key, shown in reports)
///         expires: 2027-06-30 # optional
/// </code>
/// </summary>
public static class InlineSuppressions
{
    public const string MetadataKey = "rampart";

    /// <summary>The suppressions of one resource, and the problems of those that are malformed.</summary>
    public static IReadOnlyList<Suppression> Read(Resource resource, ICollection<SuppressionProblem> problems)
    {
        if (resource.Metadata?[MetadataKey]?.AsMapping() is not { } rampart)
        {
            return [];
        }

        if (rampart["suppressions"]?.AsSequence() is not { } list)
        {
            problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, rampart.Location,
                $"{resource.LogicalId}: Metadata.rampart needs a 'suppressions' list of {{id, reason, finding?, expires?}}"));
            return [];
        }

        var suppressions = new List<Suppression>();
        foreach (var item in list.Items)
        {
            if (Parse(item, SuppressionSource.Inline, problems, $"{resource.LogicalId}: ") is { } suppression)
            {
                suppressions.Add(suppression with { LogicalId = resource.LogicalId, FilePattern = resource.Template.Path });
            }
        }

        return suppressions;
    }

    /// <summary>Parses one <c>{id, reason, finding?, expires?}</c> entry; shared with the central file's reader.</summary>
    public static Suppression? Parse(TemplateNode node, SuppressionSource source, ICollection<SuppressionProblem> problems, string prefix = "")
    {
        if (!node.TryGetMapping(out var entry))
        {
            problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, node.Location, $"{prefix}a suppression must be a mapping with id and reason"));
            return null;
        }

        var id = Text(entry, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, entry.Location, $"{prefix}a suppression needs an 'id' (a control ID such as NET-07)"));
            return null;
        }

        DateOnly? expires = null;
        if (Text(entry, "expires") is { } expiresText)
        {
            if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, entry["expires"]!.Value.Location,
                    $"{prefix}suppression of {id}: expires '{expiresText}' is not a date; accepted: YYYY-MM-DD"));
                return null;
            }

            expires = date;
        }

        return new Suppression
        {
            ControlId = id.Trim(),
            Reason = Text(entry, "reason")?.Trim() ?? string.Empty,
            Finding = Text(entry, "finding"),
            Expires = expires,
            Source = source,
            FilePattern = Text(entry, "file"),
            LogicalId = Text(entry, "resource"),
            Location = entry.Location,
        };
    }

    private static string? Text(MappingNode entry, string key) => entry[key]?.AsScalar()?.Text;
}
