using System.Globalization;
using Rampart.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Policy.Tests.Support;

/// <summary>
/// Loads fixture templates (JSON or YAML, short-form intrinsics included) into the engine's model for rule tests.
/// Test-only: the product's loader lives in Rampart.Policy.Loading and has its own tests.
/// </summary>
public static class FixtureLoader
{
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
    };

    public static Template Load(string path, string? displayPath = null)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var name = displayPath ?? path;
        var root = (MappingNode)Convert(stream.Documents[0].RootNode, name);
        return new Template(name, root);
    }

    public static Deployment LoadDeployment(string name, params string[] paths) =>
        new(name, paths.Select(p => Load(p, Path.GetFileName(p))).ToList());

    private static TemplateNode Convert(YamlNode node, string file)
    {
        var location = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        TemplateNode converted = node switch
        {
            YamlMappingNode mapping => new MappingNode(
                mapping.Children.Select(child => new MappingEntry(
                    ((YamlScalarNode)child.Key).Value!,
                    new SourceLocation(file, (int)child.Key.Start.Line, (int)child.Key.Start.Column),
                    Convert(child.Value, file))).ToList(),
                location),
            YamlSequenceNode sequence => new SequenceNode(sequence.Children.Select(c => Convert(c, file)).ToList(), location),
            YamlScalarNode scalar => Scalar(scalar, location),
            _ => throw new InvalidOperationException($"unsupported YAML node at {location}"),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || tag == "tag:yaml.org,2002:str" || !tag.StartsWith('!'))
        {
            return converted;
        }

        var function = ShortForms.TryGetValue(tag, out var known) ? known : "Fn::" + tag[1..];
        if (function == "Fn::GetAtt" && converted is ScalarNode dotted)
        {
            var dot = dotted.Text.IndexOf('.', StringComparison.Ordinal);
            converted = new SequenceNode(
                [new ScalarNode(dotted.Text[..dot], ScalarKind.String, location), new ScalarNode(dotted.Text[(dot + 1)..], ScalarKind.String, location)],
                location);
        }

        return new MappingNode([new MappingEntry(function, location, converted)], location);
    }

    private static ScalarNode Scalar(YamlScalarNode scalar, SourceLocation location)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
        {
            return new ScalarNode(text, ScalarKind.String, location);
        }

        var kind = text is "true" or "false" or "True" or "False" ? ScalarKind.Boolean
            : text is "" or "null" or "~" ? ScalarKind.Null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? ScalarKind.Number
            : ScalarKind.String;
        return new ScalarNode(text, kind, location);
    }
}
