using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Tests;

/// <summary>Reads the fixtures copied beside the tests and walks the loaded trees.</summary>
internal static class Fixture
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Parses a fixture, naming it by its file name as a user would see it.</summary>
    public static ParseResult Parse(string relative, LoadLimits? limits = null) =>
        TemplateParser.ParseFile(PathOf(relative), Path.GetFileName(relative), limits);

    public static Template Load(string relative) => Loaded(Parse(relative));

    public static Template Loaded(ParseResult result) =>
        Assert.IsType<ParseResult.Loaded>(result).Template;

    public static LoadError Failed(ParseResult result) =>
        Assert.IsType<ParseResult.Failed>(result).Error;

    /// <summary>Walks mapping keys (strings) and list indexes (ints) from <paramref name="node"/>.</summary>
    public static TemplateNode At(TemplateNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => Mapping(node)[key] ?? throw new Xunit.Sdk.XunitException($"no key {key}"),
                int index => Sequence(node).Items[index],
                _ => throw new ArgumentException("keys are strings, indexes ints", nameof(path)),
            };
        }

        return node;
    }

    public static ScalarNode Scalar(TemplateNode node, params object[] path) =>
        At(node, path).AsScalar() ?? throw new Xunit.Sdk.XunitException($"not a scalar: {At(node, path).Kind}");

    /// <summary>The node as a mapping; fails the test when it is not one.</summary>
    public static MappingNode Mapping(TemplateNode node) =>
        node.AsMapping() ?? throw new Xunit.Sdk.XunitException($"not a mapping: {node.Kind}");

    /// <summary>The node as a list; fails the test when it is not one.</summary>
    public static SequenceNode Sequence(TemplateNode node) =>
        node.AsSequence() ?? throw new Xunit.Sdk.XunitException($"not a list: {node.Kind}");

    public static MappingEntry EntryAt(TemplateNode node, string key, params object[] path) =>
        Mapping(At(node, path)).Entry(key) ?? throw new Xunit.Sdk.XunitException($"no key {key}");

    /// <summary>The single key and argument of an intrinsic function mapping.</summary>
    public static (string Name, TemplateNode Argument) Intrinsic(TemplateNode node, params object[] path)
    {
        var mapping = Mapping(At(node, path));
        Assert.True(mapping.TryGetIntrinsic(out var name, out var argument), "not an intrinsic function");
        return (name, argument);
    }

    /// <summary>
    /// The node as compact JSON, for asserting on a whole shape: strings quoted, numbers, booleans
    /// and nulls bare, as their kind says.
    /// </summary>
    public static string Render(TemplateNode node) => node.Kind switch
    {
        NodeKind.String => System.Text.Json.JsonSerializer.Serialize(node.ScalarText),
        NodeKind.Sequence => "[" + string.Join(",", Sequence(node).Items.Select(Render)) + "]",
        NodeKind.Mapping => "{" + string.Join(",", Mapping(node).Entries.Select(entry =>
            System.Text.Json.JsonSerializer.Serialize(entry.Key) + ":" + Render(entry.Value))) + "}",
        _ => node.ScalarText!,
    };

    public static (int Line, int Column) Position(TemplateNode node) => (node.Location.Line, node.Location.Column);

    public static (int Line, int Column) Position(SourceLocation location) => (location.Line, location.Column);

    /// <summary>Every node and key with its kind, text and position, in document order.</summary>
    public static List<string> Flatten(TemplateNode root)
    {
        var lines = new List<string>();
        Visit(root, "$");
        return lines;

        void Visit(TemplateNode node, string path)
        {
            var at = $"{node.Location.File}:{node.Location.Line}:{node.Location.Column}";
            if (node.TryGetScalar(out var scalar))
            {
                lines.Add($"{path} {scalar.Kind} {scalar.Text} @{at}");
            }
            else if (node.TryGetSequence(out var sequence))
            {
                lines.Add($"{path} list[{sequence.Items.Count}] @{at}");
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Visit(sequence.Items[i], $"{path}[{i}]");
                }
            }
            else if (node.TryGetMapping(out var mapping))
            {
                lines.Add($"{path} map[{mapping.Count}] @{at}");
                foreach (var entry in mapping.Entries)
                {
                    lines.Add($"{path}.{entry.Key} key @{entry.KeyLocation.Line}:{entry.KeyLocation.Column}");
                    Visit(entry.Value, $"{path}.{entry.Key}");
                }
            }
        }
    }

    /// <summary>
    /// One CDK-like resource of a large test template: nested mappings and lists, escapes, numbers, intrinsic
    /// functions, text beyond ASCII and keys too long to be pooled.
    /// </summary>
    public static string ResourceJson(int i) => $$$"""
            "Group{{{i}}}": {
              "Type": "AWS::EC2::SecurityGroup",
              "Properties": {
                "GroupDescription": "Groupe n°{{{i}}} — accès 😀 \"quoted\" \\ back\u00e9",
                "SecurityGroupIngress": [
                  {"IpProtocol": "tcp", "FromPort": {{{i % 65536}}}, "ToPort": 4.4e2, "CidrIp": "10.0.{{{i % 256}}}.0/24"},
                  {"IpProtocol": "-1", "Enabled": true, "Note": null, "Flags": [false, [], {}]}
                ],
                "VpcId": {"Ref": "Vpc{{{i % 7}}}"},
                "Tags": [{"Key": "Name", "Value": {"Fn::Join": ["-", ["g", {"Fn::GetAtt": ["Group{{{i}}}", "GroupId"]}]]}}]
              },
              "Metadata": {"aws:cdk:path": "Stack/Group{{{i}}}/Resource", "{{{new string('k', i % 90)}}}": "long keys are not pooled"}
            }
        """;
}
