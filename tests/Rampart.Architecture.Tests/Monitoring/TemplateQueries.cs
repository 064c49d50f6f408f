using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>Queries over synthesized templates that the monitoring tests share.</summary>
internal static class TemplateQueries
{
    /// <summary>Logical IDs of the monitoring section start with its construct ID.</summary>
    public const string MonitoringPrefix = "SecurityMonitoring";

    /// <summary>
    /// A readable string for a value that may be an intrinsic: <c>Ref</c> becomes <c>${X}</c>, <c>Fn::GetAtt</c>
    /// becomes <c>${X.Attr}</c>, <c>Fn::Join</c> is joined. Lets tests compare ARNs built from tokens.
    /// </summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value => value.ToString(),
        JsonObject obj when obj["Ref"] is { } reference => $"${{{reference}}}",
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray getAtt => $"${{{getAtt[0]}.{getAtt[1]}}}",
        JsonObject obj when obj["Fn::Join"] is JsonArray join =>
            string.Join(join[0]!.ToString(), join[1]!.AsArray().Select(Text)),
        _ => node.ToJsonString(),
    };

    /// <summary>A value that is one string or an array of them, as IAM and event patterns allow.</summary>
    public static IReadOnlyList<string> Texts(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(Text).ToList(),
        _ => [Text(node)],
    };

    /// <summary>The monitoring resources of a type.</summary>
    public static IReadOnlyList<(string LogicalId, JsonObject Resource)> Monitoring(this TemplateView template, string type) =>
        template.OfType(type).Where(r => r.LogicalId.StartsWith(MonitoringPrefix, StringComparison.Ordinal)).ToList();

    public static JsonObject Properties(this JsonObject resource) => resource["Properties"]?.AsObject() ?? [];

    /// <summary>The single resource of a type, failing when there is none or more than one.</summary>
    public static (string LogicalId, JsonObject Resource) Single(this TemplateView template, string type) =>
        Assert.Single(template.OfType(type));

    /// <summary>The logical ID a <c>Ref</c> or <c>Fn::GetAtt</c> points to.</summary>
    public static string Target(JsonNode? node) => node switch
    {
        JsonObject obj when obj["Ref"] is { } reference => reference.ToString(),
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray getAtt => getAtt[0]!.ToString(),
        _ => throw new Xunit.Sdk.XunitException($"expected a Ref or Fn::GetAtt, got {node?.ToJsonString() ?? "nothing"}"),
    };

    /// <summary>The statements of a policy document.</summary>
    public static IReadOnlyList<JsonObject> Statements(JsonNode? document) =>
        document?["Statement"]?.AsArray().Select(s => s!.AsObject()).ToList() ?? [];

    public static IReadOnlyList<string> Actions(this JsonObject statement) => Texts(statement["Action"]);

    public static IReadOnlyList<string> Resources(this JsonObject statement) => Texts(statement["Resource"]);

    public static string Effect(this JsonObject statement) => statement["Effect"]!.ToString();

    /// <summary>The values of one condition key under one operator, or none.</summary>
    public static IReadOnlyList<string> Condition(this JsonObject statement, string @operator, string key) =>
        Texts(statement["Condition"]?[@operator]?[key]);

    /// <summary>The statement with a Sid, failing when there is none.</summary>
    public static JsonObject WithSid(this IEnumerable<JsonObject> statements, string sid) =>
        statements.SingleOrDefault(s => (string?)s["Sid"] == sid)
        ?? throw new Xunit.Sdk.XunitException($"no statement with Sid {sid}");

    /// <summary>The service principals of a statement.</summary>
    public static IReadOnlyList<string> ServicePrincipals(this JsonObject statement) => Texts(statement["Principal"]?["Service"]);

    /// <summary>The IAM policies attached to a role (inline policies and AWS::IAM::Policy resources).</summary>
    public static IReadOnlyList<JsonObject> PolicyStatementsOfRole(this TemplateView template, string roleLogicalId) =>
        template.OfType("AWS::IAM::Policy")
            .Where(p => p.Resource.Properties()["Roles"]!.AsArray().Any(r => Target(r) == roleLogicalId))
            .SelectMany(p => Statements(p.Resource.Properties()["PolicyDocument"]))
            .ToList();

    /// <summary>The alias names pointing at a key.</summary>
    public static IReadOnlyList<string> AliasesOf(this TemplateView template, string keyLogicalId) =>
        template.OfType("AWS::KMS::Alias")
            .Where(a => Target(a.Resource.Properties()["TargetKeyId"]) == keyLogicalId)
            .Select(a => a.Resource.Properties()["AliasName"]!.ToString())
            .ToList();

    /// <summary>The DependsOn list of a resource.</summary>
    public static IReadOnlyList<string> DependsOn(this JsonObject resource) => Texts(resource["DependsOn"]);

    /// <summary>Deep JSON equality.</summary>
    public static bool SameJson(JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    /// <summary>Every logical ID a node references through Ref, Fn::GetAtt or Fn::Sub.</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "Ref")
                    {
                        yield return value!.ToString();
                    }
                    else if (key == "Fn::GetAtt")
                    {
                        yield return value!.AsArray()[0]!.ToString();
                    }
                    else
                    {
                        foreach (var reference in References(value))
                        {
                            yield return reference;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var reference in References(item))
                    {
                        yield return reference;
                    }
                }

                break;
        }
    }

    /// <summary>Parses a JSON string property (a dashboard body, a state machine definition) after resolving joins.</summary>
    public static JsonNode ParseEmbeddedJson(JsonNode? node) =>
        JsonNode.Parse(Text(node), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!;
}
