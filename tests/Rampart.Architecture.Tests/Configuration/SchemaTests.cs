using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Rampart.Architecture.Configuration;
using YamlDotNet.RepresentationModel;

namespace Rampart.Architecture.Tests.Configuration;

/// <summary>
/// The published JSON Schema accepts the default and the examples, and names exactly the fields the
/// loader accepts (and requires exactly the fields it requires), so the two cannot drift apart.
/// </summary>
public sealed partial class SchemaTests
{
    private const string SchemaPath = "schemas/rampart.config.schema.json";

    private static readonly Lazy<JsonObject> SchemaJson = new(() => (JsonObject)JsonNode.Parse(RepositoryFiles.Read(SchemaPath))!);

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(RepositoryFiles.Read(SchemaPath)));

    [Fact]
    public void The_schema_is_draft_2020_12()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)SchemaJson.Value["$schema"]);
    }

    [Fact]
    public void The_embedded_default_validates_against_the_schema()
    {
        AssertValid(YamlToJson(DefaultConfiguration.Text), "the embedded default");
    }

    [Theory]
    [InlineData("schemas/examples/three-environments.yaml")]
    [InlineData("schemas/examples/minimal.json")]
    public void The_examples_validate_against_the_schema(string path)
    {
        var text = RepositoryFiles.Read(path);
        AssertValid(path.EndsWith(".json", StringComparison.Ordinal) ? JsonNode.Parse(text) : YamlToJson(text), path);
    }

    [Fact]
    public void The_schema_rejects_what_the_loader_rejects_by_type()
    {
        var valid = YamlToJson(DefaultConfiguration.Text)!.AsObject();
        Assert.False(Evaluate(With(valid, c => c["applicationPort"] = 22)).IsValid);
        Assert.False(Evaluate(With(valid, c => c["image"]!["tag"] = "latest")).IsValid);
        Assert.False(Evaluate(With(valid, c => c["environments"]![0]!["vpcCidr"] = "8.8.0.0/16")).IsValid);
        Assert.False(Evaluate(With(valid, c => c["environments"]![0]!["region"] = "eu-west-9")).IsValid);
        Assert.False(Evaluate(With(valid, c => c["monitoring"]!["auditRegion"] = "eu-west-1")).IsValid);
        Assert.False(Evaluate(With(valid, c => c["certificate"]!["source"] = "imported")).IsValid);
    }

    [Fact]
    public void Schema_property_names_match_the_fields_the_loader_accepts()
    {
        foreach (var (objectPath, fields) in ConfigurationFields.ByObject)
        {
            var definition = Definition(objectPath);
            var schemaNames = definition["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(fields.Select(f => f.Name).Order(StringComparer.Ordinal), schemaNames);
            Assert.False((bool?)definition["additionalProperties"] ?? true, $"{objectPath}: the schema must reject unknown fields as the loader does");
        }
    }

    [Fact]
    public void Schema_required_fields_match_the_fields_the_loader_requires()
    {
        foreach (var (objectPath, fields) in ConfigurationFields.ByObject)
        {
            var required = (Definition(objectPath)["required"]?.AsArray().Select(n => (string)n!) ?? []).Order(StringComparer.Ordinal);
            Assert.Equal(fields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal), required);
        }
    }

    [Fact]
    public void Schema_enumerations_match_the_loader()
    {
        var root = SchemaJson.Value;
        Assert.Equal(AwsRegions.All, Strings(root["$defs"]!["region"]!["enum"]!));
        Assert.Equal(ConfigurationValidator.EnvironmentNames, Strings(root["$defs"]!["environment"]!["properties"]!["name"]!["enum"]!));
        Assert.Equal(ConfigurationFields.DatabaseEngines.Keys, Strings(root["properties"]!["databaseEngine"]!["enum"]!));
        Assert.Equal(ConfigurationFields.CertificateSources.Keys, Strings(root["properties"]!["certificate"]!["properties"]!["source"]!["enum"]!));
    }

    [Fact]
    public void Every_schema_property_has_a_description()
    {
        foreach (var (objectPath, _) in ConfigurationFields.ByObject)
        {
            foreach (var (name, property) in Definition(objectPath)["properties"]!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)property!["description"]), $"{objectPath}.{name} has no description");
            }
        }
    }

    /// <summary>The schema object describing one object of the format (following <c>$ref</c>).</summary>
    private static JsonObject Definition(string objectPath)
    {
        var root = SchemaJson.Value;
        JsonNode node = objectPath switch
        {
            "" => root,
            "environments[]" => root["properties"]!["environments"]!["items"]!,
            _ => root["properties"]![objectPath]!,
        };
        if ((string?)node["$ref"] is { } reference)
        {
            node = root["$defs"]![reference["#/$defs/".Length..]]!;
        }

        return node.AsObject();
    }

    private static IEnumerable<string> Strings(JsonNode array) => array.AsArray().Select(n => (string)n!);

    private static EvaluationResults Evaluate(JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(JsonNode? instance, string what)
    {
        var results = Evaluate(instance);
        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(results.IsValid, $"{what} does not validate against {SchemaPath}:\n{string.Join("\n", failures)}");
    }

    private static JsonNode With(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return copy;
    }

    /// <summary>YAML to JSON as an editor's YAML language server sees it (YAML 1.2 core schema).</summary>
    private static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.Plain } quoted => JsonValue.Create(quoted.Value),
        YamlScalarNode scalar => Plain(scalar.Value ?? ""),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonNode? Plain(string value)
    {
        if (value is "" or "~" or "null")
        {
            return null;
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        if (IntegerPattern().IsMatch(value))
        {
            return JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();
}
