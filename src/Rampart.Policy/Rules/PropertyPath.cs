using System.Collections.Concurrent;
using System.Globalization;

namespace Rampart.Policy.Rules;

/// <summary>
/// A parsed path such as <c>SecurityGroupIngress[*].CidrIp</c> or <c>ContainerDefinitions[0].User</c>:
/// names, <c>[*]</c> for every item, <c>[n]</c> for one. Parsed once per distinct text.
/// </summary>
internal sealed class PropertyPath
{
    private static readonly ConcurrentDictionary<string, PropertyPath> Cache = new(StringComparer.Ordinal);

    private PropertyPath(Segment[] segments) => Segments = segments;

    /// <summary>The steps, as an array: navigation loops over them for every value a rule reads.</summary>
    public Segment[] Segments { get; }

    public static PropertyPath Parse(string text) => Cache.GetOrAdd(text, static t => new PropertyPath([.. ParseSegments(t)]));

    private static List<Segment> ParseSegments(string text)
    {
        var segments = new List<Segment>();
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                segments.Add(new Segment(name, null, false));
            }

            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0)
                {
                    throw new ArgumentException($"unclosed '[' in path '{text}'", nameof(text));
                }

                var inside = part[(bracket + 1)..close];
                segments.Add(inside == "*"
                    ? new Segment(null, null, true)
                    : new Segment(null, int.Parse(inside, CultureInfo.InvariantCulture), false));
                bracket = part.IndexOf('[', close);
            }
        }

        return segments;
    }

    /// <summary>One step: a property name, an index, or every item.</summary>
    internal readonly record struct Segment(string? Name, int? Index, bool AllItems);
}
