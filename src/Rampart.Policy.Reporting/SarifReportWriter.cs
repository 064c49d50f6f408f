using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, a rule descriptor per control
/// (with help text and the remediation), results with paths relative to the repository root
/// (<c>%SRCROOT%</c>; the CLI's base folder, see <c>--base-dir</c>), line and column, suppressions as SARIF
/// suppressions, input errors and suppression problems as tool execution notifications.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The base every relative artifact URI is resolved against: the repository root (the scan's base folder).</summary>
    public const string SourceRoot = "%SRCROOT%";

    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter output)
    {
        var ruleIndex = report.Rules.Select((rule, index) => (rule.Metadata.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "Rampart");
            json.WriteString("semanticVersion", report.ToolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in report.Rules)
            {
                WriteRule(json, rule.Metadata);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", report.Errors.Count == 0);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var error in report.Errors)
            {
                json.WriteStartObject();
                json.WriteString("level", "error");
                json.WriteStartObject("message");
                json.WriteString("text", error.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                WriteLocation(json, error.File, error.Line, error.Column, null, null);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            foreach (var problem in report.Result.SuppressionProblems)
            {
                json.WriteStartObject();
                json.WriteString("level", "warning");
                json.WriteStartObject("message");
                json.WriteString("text", problem.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                WriteLocation(json, problem.Location.File, problem.Location.Line, problem.Location.Column, null, null);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var finding in report.Result.Findings)
            {
                WriteResult(json, finding, ruleIndex);
            }

            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.SeedText ?? rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.Title}\n\nCloudFormation: {rule.Remediation.CloudFormation}\n\nCDK: {rule.Remediation.Cdk}");
        json.WriteString("markdown", $"**{rule.Id}: {Markdown(rule.Title)}**\n\n**CloudFormation:** {Markdown(rule.Remediation.CloudFormation)}\n\n**CDK:** {Markdown(rule.Remediation.Cdk)}"
            + (rule.References.Count == 0 ? string.Empty : "\n\n**References:** " + Markdown(string.Join(", ", rule.References))));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue(rule.Section.ToString());
        foreach (var reference in rule.References)
        {
            json.WriteStringValue(reference.ToString());
        }

        json.WriteEndArray();
        json.WriteString("security-severity", SecuritySeverity(rule.Severity));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, Dictionary<string, int> ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        if (ruleIndex.TryGetValue(finding.Rule.Id, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        var text = finding.LogicalId is null ? finding.Message : $"{finding.LogicalId}: {finding.Message}";
        if (finding.Condition is not null)
        {
            text += $" ({finding.Condition})";
        }

        if (!finding.Proven)
        {
            text += " [not proven: a value could not be resolved]";
        }

        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        WriteLocation(json, finding.File, finding.Location.Line, finding.Location.Column, finding.LogicalId, finding.Path);
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("rampartFinding/v1", string.Join('|', finding.Rule.Id, finding.File, finding.LogicalId, finding.Path, finding.Key, finding.Condition));
        json.WriteEndObject();
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", suppression.Source == Suppressions.SuppressionSource.Inline ? "inSource" : "external");
            json.WriteString("justification", suppression.Reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteBoolean("proven", finding.Proven);
        if (finding.Condition is not null)
        {
            json.WriteString("condition", finding.Condition);
        }

        if (finding.ResourceType is not null)
        {
            json.WriteString("resourceType", finding.ResourceType);
        }

        if (finding.Key is not null)
        {
            // What a suppression's `finding` field names to accept this finding alone.
            json.WriteString("finding", finding.Key);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string file, int line, int column, string? logicalId, string? path)
    {
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        if (Path.IsPathRooted(file))
        {
            // Outside the base folder: an absolute file URI, which no base can resolve differently.
            json.WriteString("uri", new Uri(file).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", ToUri(file));
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
        if (line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            if (column > 0)
            {
                json.WriteNumber("startColumn", column);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (logicalId is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", logicalId);
            json.WriteString("fullyQualifiedName", path is null ? logicalId : $"{logicalId}.{path}");
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A rule's SARIF name: its title in PascalCase, letters and digits only ("NoPrivilegedContainers").</summary>
    private static string PascalCase(string title) =>
        string.Concat(System.Text.RegularExpressions.Regex.Split(title, "[^A-Za-z0-9]+")
            .Where(word => word.Length > 0)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>Text shown as Markdown: <c>&lt;application&gt;</c> would otherwise vanish as an HTML tag.</summary>
    private static string Markdown(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A relative path as a URI reference: forward slashes, each segment escaped.</summary>
    private static string ToUri(string file) =>
        string.Join('/', file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's security-severity: a CVSS-like score that drives its severity labels.</summary>
    private static string SecuritySeverity(Severity severity) => (severity switch
    {
        Severity.Critical => 9.5,
        Severity.High => 8.0,
        Severity.Medium => 5.5,
        _ => 3.0,
    }).ToString("0.0", CultureInfo.InvariantCulture);
}
