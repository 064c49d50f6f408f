using System.Runtime.InteropServices;
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

    /// <summary>The nodes of <paramref name="root"/>, in a document of their own, all at <paramref name="location"/>.</summary>
    private static TemplateNode Convert(JsonElement root, SourceLocation location, bool expandPlaceholders = false)
    {
        var document = new TemplateDocument(location.File);
        return document.Node(Add(document, root, location.Line, location.Column, expandPlaceholders));
    }

    private static int Add(TemplateDocument document, JsonElement element, int line, int column, bool expandPlaceholders)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // A key written twice keeps the place where it is first written and the value last written.
                var properties = new List<JsonProperty>();
                var places = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (places.TryGetValue(property.Name, out var place))
                    {
                        properties[place] = property;
                    }
                    else
                    {
                        places.Add(property.Name, properties.Count);
                        properties.Add(property);
                    }
                }

                var entries = new EntryRecord[properties.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    entries[i] = new EntryRecord(properties[i].Name, line, column, Add(document, properties[i].Value, line, column, expandPlaceholders));
                }

                return document.AddMapping(entries, line, column);
            case JsonValueKind.Array:
                var items = new List<int>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Add(document, item, line, column, expandPlaceholders));
                }

                return document.AddSequence(CollectionsMarshal.AsSpan(items), line, column);
            case JsonValueKind.String when expandPlaceholders && element.GetString() is { } text && text.Contains("${", StringComparison.Ordinal):
                return Built(document, text, line, column);
            case JsonValueKind.String:
                return document.AddScalar(element.GetString() ?? string.Empty, ScalarKind.String, line, column);
            case JsonValueKind.Number:
                return document.AddScalar(element.GetRawText(), ScalarKind.Number, line, column);
            case JsonValueKind.True:
                return document.AddScalar("true", ScalarKind.Boolean, line, column);
            case JsonValueKind.False:
                return document.AddScalar("false", ScalarKind.Boolean, line, column);
            default:
                return document.AddScalar(string.Empty, ScalarKind.Null, line, column);
        }
    }

    /// <summary><c>arn:${AWS::Partition}:logs:${Group.Arn}</c> as <c>{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ...]]}</c>.</summary>
    private static int Built(TemplateDocument document, string text, int line, int column)
    {
        var parts = new List<int>();
        var position = 0;
        foreach (Match placeholder in PlaceholderPattern().Matches(text))
        {
            if (placeholder.Index > position)
            {
                parts.Add(document.AddScalar(text[position..placeholder.Index], ScalarKind.String, line, column));
            }

            parts.Add(Intrinsic(document, placeholder.Groups["inner"].Value, line, column));
            position = placeholder.Index + placeholder.Length;
        }

        if (position < text.Length)
        {
            parts.Add(document.AddScalar(text[position..], ScalarKind.String, line, column));
        }

        var separator = document.AddScalar(string.Empty, ScalarKind.String, line, column);
        var list = document.AddSequence(CollectionsMarshal.AsSpan(parts), line, column);
        var arguments = document.AddSequence([separator, list], line, column);
        return document.AddMapping([new EntryRecord("Fn::Join", line, column, arguments)], line, column);
    }

    /// <summary>The intrinsic a resolver placeholder stands for: <c>Ref X</c>, <c>X.Attribute</c>, or a name (pseudo parameter, parameter).</summary>
    private static int Intrinsic(TemplateDocument document, string inner, int line, int column)
    {
        if (inner.StartsWith("Ref ", StringComparison.Ordinal))
        {
            var target = document.AddScalar(inner[4..], ScalarKind.String, line, column);
            return document.AddMapping([new EntryRecord("Ref", line, column, target)], line, column);
        }

        var dot = inner.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && !inner.Contains("::", StringComparison.Ordinal))
        {
            var resource = document.AddScalar(inner[..dot], ScalarKind.String, line, column);
            var attribute = document.AddScalar(inner[(dot + 1)..], ScalarKind.String, line, column);
            var pair = document.AddSequence([resource, attribute], line, column);
            return document.AddMapping([new EntryRecord("Fn::GetAtt", line, column, pair)], line, column);
        }

        var name = document.AddScalar(inner, ScalarKind.String, line, column);
        return document.AddMapping([new EntryRecord("Ref", line, column, name)], line, column);
    }

    [GeneratedRegex(@"\$\{(?<inner>[^}]*)\}")]
    private static partial Regex PlaceholderPattern();
}
