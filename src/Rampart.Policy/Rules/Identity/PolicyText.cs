using System.Text.Json;
using Rampart.Policy.Model;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// Reads a policy written as a JSON string (AWS accepts <c>"PolicyDocument": "{\"Statement\": ...}"</c>, and some
/// resources such as <c>AWS::Logs::ResourcePolicy</c> only take strings) into template nodes. Every node is
/// positioned at the string: the string is where the user can fix it.
/// </summary>
internal static class PolicyText
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

    private static TemplateNode Convert(JsonElement element, SourceLocation location) => element.ValueKind switch
    {
        JsonValueKind.Object => new MappingNode(
            element.EnumerateObject()
                .GroupBy(p => p.Name, StringComparer.Ordinal)
                .Select(g => new MappingEntry(g.Key, location, Convert(g.Last().Value, location)))
                .ToList(),
            location),
        JsonValueKind.Array => new SequenceNode(element.EnumerateArray().Select(e => Convert(e, location)).ToList(), location),
        JsonValueKind.String => new ScalarNode(element.GetString() ?? string.Empty, ScalarKind.String, location),
        JsonValueKind.Number => new ScalarNode(element.GetRawText(), ScalarKind.Number, location),
        JsonValueKind.True => new ScalarNode("true", ScalarKind.Boolean, location),
        JsonValueKind.False => new ScalarNode("false", ScalarKind.Boolean, location),
        _ => new ScalarNode(string.Empty, ScalarKind.Null, location),
    };
}
