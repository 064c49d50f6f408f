using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Bench.Generator;

/// <summary>
/// Writes a template as block-style YAML the way people write CloudFormation by hand: short forms
/// <c>!Ref</c>, <c>!GetAtt a.b</c> and <c>!Sub</c> where they apply, long forms (<c>Fn::If:</c>) elsewhere.
/// Strings are double-quoted (JSON escapes are valid YAML), so no value is retyped by YAML's plain-scalar rules.
/// </summary>
public static class YamlTemplateWriter
{
    private const int IndentStep = 2;

    private static readonly JsonSerializerOptions QuoteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The YAML text of <paramref name="document"/>.</summary>
    public static string Write(JsonObject document)
    {
        var output = new StringBuilder();
        WriteMappingBody(document, 0, output);
        return output.ToString();
    }

    private static void WriteMappingBody(JsonObject mapping, int indent, StringBuilder output)
    {
        foreach (var (key, value) in mapping)
        {
            output.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValueAfterKey(value, indent, output);
        }
    }

    /// <summary>Writes what follows "key:" (or "- "): inline for scalars and short forms, on the next lines for collections.</summary>
    private static void WriteValueAfterKey(JsonNode? value, int indent, StringBuilder output)
    {
        if (ShortForm(value) is { } inline)
        {
            output.Append(' ').Append(inline).Append('\n');
            return;
        }

        switch (value)
        {
            case JsonObject { Count: 0 }:
                output.Append(" {}\n");
                break;
            case JsonObject mapping:
                output.Append('\n');
                WriteMappingBody(mapping, indent + IndentStep, output);
                break;
            case JsonArray { Count: 0 }:
                output.Append(" []\n");
                break;
            case JsonArray sequence:
                output.Append('\n');
                WriteSequence(sequence, indent + IndentStep, output);
                break;
            default:
                output.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(JsonArray sequence, int indent, StringBuilder output)
    {
        foreach (var item in sequence)
        {
            output.Append(' ', indent).Append('-');
            if (item is JsonObject { Count: > 0 } mapping && ShortForm(item) is null)
            {
                // "- Key: value" then the other keys aligned under the first.
                var first = true;
                foreach (var (key, value) in mapping)
                {
                    if (first)
                    {
                        output.Append(' ');
                        first = false;
                    }
                    else
                    {
                        output.Append(' ', indent + IndentStep);
                    }

                    output.Append(Key(key)).Append(':');
                    WriteValueAfterKey(value, indent + IndentStep, output);
                }
            }
            else if (item is JsonArray { Count: > 0 } nested)
            {
                output.Append('\n');
                WriteSequence(nested, indent + IndentStep, output);
            }
            else
            {
                WriteValueAfterKey(item, indent, output);
            }
        }
    }

    /// <summary>The short form of an intrinsic whose argument is simple, or null.</summary>
    private static string? ShortForm(JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } function)
        {
            return null;
        }

        var (name, argument) = function.First();
        return name switch
        {
            "Ref" when argument is JsonValue reference && reference.GetValueKind() == JsonValueKind.String =>
                "!Ref " + reference.GetValue<string>(),
            "Fn::GetAtt" when argument is JsonArray { Count: 2 } pair && pair.All(p => p is JsonValue v && v.GetValueKind() == JsonValueKind.String) =>
                $"!GetAtt {pair[0]!.GetValue<string>()}.{pair[1]!.GetValue<string>()}",
            "Fn::Sub" when argument is JsonValue text && text.GetValueKind() == JsonValueKind.String =>
                "!Sub " + Quote(text.GetValue<string>()),
            _ => null,
        };
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Quote(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "true",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => throw new InvalidOperationException($"unexpected node {node.GetValueKind()}"),
    };

    /// <summary>Keys are plain when they are identifiers (CloudFormation's are); anything else is quoted.</summary>
    private static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '/') && !key.EndsWith(':')
            ? key
            : Quote(key);

    private static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);
}
