using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Rampart.Policy.Reporting.Tests.Sarif;

/// <summary>
/// The official SARIF 2.1.0 JSON schema (fetched at build time by <c>SarifSchema.targets</c>, never committed)
/// and a validator for SARIF text. Shared by the reporter and CLI test projects (linked source).
/// </summary>
public static class SarifSchema
{
    /// <summary>Where the build puts the schema, relative to the test assembly.</summary>
    public const string RelativePath = "sarif/sarif-2.1.0-rtm.5.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Every schema violation of <paramref name="sarif"/>, one line each (location: message); empty when valid.</summary>
    public static IReadOnlyList<string> Violations(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Key}: {error.Value}"))
            .DefaultIfEmpty("invalid, without details")
            .ToList();
    }

    /// <summary>
    /// The schema is written for JSON Schema draft-04, which JsonSchema.Net does not read. It uses no keyword
    /// whose meaning changed after draft-04 (no exclusiveMinimum/Maximum) except the schema's own <c>id</c>,
    /// and every <c>$ref</c> is local (<c>#/definitions/...</c>), so declaring it draft-07 and dropping the
    /// <c>id</c> validates exactly the same documents. (Kept as <c>$id</c>, JsonSchema.Net refuses to
    /// register it twice.)
    /// </summary>
    private static JsonSchema Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: the test project's build fetches it with npm (see Sarif/SarifSchema.targets)", path);
        }

        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root.Remove("id");
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(root.ToJsonString());
    }
}
