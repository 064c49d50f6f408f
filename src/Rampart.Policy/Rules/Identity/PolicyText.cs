using System.Text.Json;
using System.Text.RegularExpressions;
using Rampart.Policy.Model;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// Reads a policy written as a JSON string (AWS accepts <c>"PolicyDocument": "{\"Statement\": ...}"</c>, and some
/// resources such as <c>AWS::Logs::ResourcePolicy</c> only take strings) into template nodes. Every node is
/// positioned at the string: the string is where the user can fix it.
/// </summary>
internal static partial class PolicyText
{
    private const int MaxDepth = 32;

    /// <summary>The document as nodes, or null when the text is not a JSON object.</summary>
    public static TemplateNode? Parse(string text, SourceLocation location)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Convert(json.RootElement, location);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A document written as a JSON string that is built at deployment (<c>Fn::Join</c> or <c>Fn::Sub</c> around
    /// <c>Ref</c>/<c>Fn::GetAtt</c>: what the CDK writes for an <c>AWS::Logs::ResourcePolicy</c>), read from its known
    /// text. Every <c>${...}</c> the resolver left for an unknown part must sit inside a JSON string; such a string
    /// becomes the <c>Fn::Join</c> of its literal pieces and the intrinsic each placeholder stands for
    /// (<c>${Ref X}</c>, <c>${X.Arn}</c>, <c>${AWS::Partition}</c>, a parameter), so rules read it as they read any
    /// value built in a template. Null when the text is not a JSON object.
    /// </summary>
    public static TemplateNode? ParseBuilt(string partialText, SourceLocation location)
    {
        var trimmed = partialText.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(partialText, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Convert(json.RootElement, location, expandPlaceholders: true);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TemplateNode Convert(JsonElement element, SourceLocation location, bool expandPlaceholders = false) => element.ValueKind switch
    {
        JsonValueKind.Object => new MappingNode(
            element.EnumerateObject()
                .GroupBy(p => p.Name, StringComparer.Ordinal)
                .Select(g => new MappingEntry(g.Key, location, Convert(g.Last().Value, location, expandPlaceholders)))
                .ToList(),
            location),
        JsonValueKind.Array => new SequenceNode(element.EnumerateArray().Select(e => Convert(e, location, expandPlaceholders)).ToList(), location),
        JsonValueKind.String when expandPlaceholders && element.GetString() is { } text && text.Contains("${", StringComparison.Ordinal) => Built(text, location),
        JsonValueKind.String => new ScalarNode(element.GetString() ?? string.Empty, ScalarKind.String, location),
        JsonValueKind.Number => new ScalarNode(element.GetRawText(), ScalarKind.Number, location),
        JsonValueKind.True => new ScalarNode("true", ScalarKind.Boolean, location),
        JsonValueKind.False => new ScalarNode("false", ScalarKind.Boolean, location),
        _ => new ScalarNode(string.Empty, ScalarKind.Null, location),
    };

    /// <summary><c>arn:${AWS::Partition}:logs:${Group.Arn}</c> as <c>{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ...]]}</c>.</summary>
    private static TemplateNode Built(string text, SourceLocation location)
    {
        var parts = new List<TemplateNode>();
        var position = 0;
        foreach (Match placeholder in PlaceholderPattern().Matches(text))
        {
            if (placeholder.Index > position)
            {
                parts.Add(new ScalarNode(text[position..placeholder.Index], ScalarKind.String, location));
            }

            parts.Add(Intrinsic(placeholder.Groups["inner"].Value, location));
            position = placeholder.Index + placeholder.Length;
        }

        if (position < text.Length)
        {
            parts.Add(new ScalarNode(text[position..], ScalarKind.String, location));
        }

        var arguments = new SequenceNode([new ScalarNode(string.Empty, ScalarKind.String, location), new SequenceNode(parts, location)], location);
        return new MappingNode([new MappingEntry("Fn::Join", location, arguments)], location);
    }

    /// <summary>The intrinsic a resolver placeholder stands for: <c>Ref X</c>, <c>X.Attribute</c>, or a name (pseudo parameter, parameter).</summary>
    private static MappingNode Intrinsic(string inner, SourceLocation location)
    {
        if (inner.StartsWith("Ref ", StringComparison.Ordinal))
        {
            return new MappingNode([new MappingEntry("Ref", location, new ScalarNode(inner[4..], ScalarKind.String, location))], location);
        }

        var dot = inner.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !inner.Contains("::", StringComparison.Ordinal))
        {
            var pair = new SequenceNode([new ScalarNode(inner[..dot], ScalarKind.String, location), new ScalarNode(inner[(dot + 1)..], ScalarKind.String, location)], location);
            return new MappingNode([new MappingEntry("Fn::GetAtt", location, pair)], location);
        }

        return new MappingNode([new MappingEntry("Ref", location, new ScalarNode(inner, ScalarKind.String, location))], location);
    }

    [GeneratedRegex(@"\$\{(?<inner>[^}]*)\}")]
    private static partial Regex PlaceholderPattern();
}
