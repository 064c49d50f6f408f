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

    public void Write(ScanReport report, TextWriter output) => JsonReportOutput.Write(output, json => WriteDocument(json, report));

    /// <inheritdoc />
    public void Write(ScanReport report, Stream output) => JsonReportOutput.Write(output, json => WriteDocument(json, report));

    private static void WriteDocument(Utf8JsonWriter json, ScanReport report)
    {
        var ruleIndex = report.Rules.Select((rule, index) => (rule.Metadata.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        var artifacts = new ArtifactUris();
        var text = new CharBuffer();
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
            WriteRule(json, rule.Metadata, text);
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
            WriteLocation(json, artifacts, text, error.File, error.Line, error.Column, null, null);
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
            WriteLocation(json, artifacts, text, problem.Location.File, problem.Location.Line, problem.Location.Column, null, null);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        var rules = new Dictionary<RuleMetadata, ResultRule>(ReferenceEqualityComparer.Instance);
        foreach (var finding in report.Result.Findings)
        {
            if (!rules.TryGetValue(finding.Rule, out var rule))
            {
                rule = new ResultRule(finding.Rule, ruleIndex.TryGetValue(finding.Rule.Id, out var index) ? index : null);
                rules.Add(finding.Rule, rule);
            }

            WriteResult(json, finding, rule, artifacts, text);
            JsonReportOutput.FlushWhenFull(json);
        }

        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule, CharBuffer text)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", AppendPascalCase(text.Clear(), rule.Title).Text);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.SeedText ?? rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("help");
        text.Clear().Append(rule.Title).Append("\n\nCloudFormation: ").Append(rule.Remediation.CloudFormation).Append("\n\nCDK: ").Append(rule.Remediation.Cdk);
        json.WriteString("text", text.Text);
        text.Clear().Append("**").Append(rule.Id).Append(": ");
        AppendMarkdown(text, rule.Title).Append("**\n\n**CloudFormation:** ");
        AppendMarkdown(text, rule.Remediation.CloudFormation).Append("\n\n**CDK:** ");
        AppendMarkdown(text, rule.Remediation.Cdk);
        for (var i = 0; i < rule.References.Count; i++)
        {
            text.Append(i == 0 ? "\n\n**References:** " : ", ");
            AppendMarkdown(text, rule.References[i].ToString());
        }

        json.WriteString("markdown", text.Text);
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

    private static void WriteResult(Utf8JsonWriter json, Finding finding, ResultRule rule, ArtifactUris artifacts, CharBuffer text)
    {
        json.WriteStartObject();
        json.WriteString(Names.RuleId, rule.Id);
        if (rule.Index is { } index)
        {
            json.WriteNumber(Names.RuleIndex, index);
        }

        json.WriteString(Names.Level, rule.Level);
        json.WriteStartObject(Names.Message);
        text.Clear();
        if (finding.LogicalId is not null)
        {
            text.Append(finding.LogicalId).Append(": ");
        }

        text.Append(finding.Message);
        if (finding.Condition is not null)
        {
            text.Append(" (").Append(finding.Condition).Append(')');
        }

        if (!finding.Proven)
        {
            text.Append(" [not proven: a value could not be resolved]");
        }

        json.WriteString(Names.Text, text.Text);
        json.WriteEndObject();
        json.WriteStartArray(Names.Locations);
        WriteLocation(json, artifacts, text, finding.File, finding.Location.Line, finding.Location.Column, finding.LogicalId, finding.Path);
        json.WriteEndArray();
        json.WriteStartObject(Names.PartialFingerprints);
        text.Clear().Append(finding.Rule.Id).Append('|').Append(finding.File).Append('|').Append(finding.LogicalId).Append('|')
            .Append(finding.Path).Append('|').Append(finding.Key).Append('|').Append(finding.Condition);
        json.WriteString(Names.RampartFinding, text.Text);
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

        json.WriteStartObject(Names.Properties);
        json.WriteBoolean(Names.Proven, finding.Proven);
        if (finding.Condition is not null)
        {
            json.WriteString(Names.Condition, finding.Condition);
        }

        if (finding.ResourceType is not null)
        {
            json.WriteString(Names.ResourceType, finding.ResourceType);
        }

        if (finding.Key is not null)
        {
            // What a suppression's `finding` field names to accept this finding alone.
            json.WriteString(Names.Finding, finding.Key);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, ArtifactUris artifacts, CharBuffer text, string file, int line, int column, string? logicalId, string? path)
    {
        json.WriteStartObject();
        json.WriteStartObject(Names.PhysicalLocation);
        json.WriteStartObject(Names.ArtifactLocation);
        var artifact = artifacts.For(file);
        json.WriteString(Names.Uri, artifact.Uri);
        if (artifact.RelativeToSourceRoot)
        {
            json.WriteString(Names.UriBaseId, Names.SourceRoot);
        }

        json.WriteEndObject();
        if (line > 0)
        {
            json.WriteStartObject(Names.Region);
            json.WriteNumber(Names.StartLine, line);
            if (column > 0)
            {
                json.WriteNumber(Names.StartColumn, column);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (logicalId is not null)
        {
            json.WriteStartArray(Names.LogicalLocations);
            json.WriteStartObject();
            json.WriteString(Names.Name, logicalId);
            text.Clear().Append(logicalId);
            if (path is not null)
            {
                text.Append('.').Append(path);
            }

            json.WriteString(Names.FullyQualifiedName, text.Text);
            json.WriteString(Names.Kind, Names.Resource);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A rule's SARIF name: its title in PascalCase, ASCII letters and digits only ("NoPrivilegedContainers").</summary>
    private static CharBuffer AppendPascalCase(CharBuffer name, string title)
    {
        var wordStart = true;
        foreach (var c in title)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                wordStart = true;
            }
            else
            {
                name.Append(wordStart ? char.ToUpperInvariant(c) : c);
                wordStart = false;
            }
        }

        return name;
    }

    /// <summary>Text shown as Markdown: <c>&lt;application&gt;</c> would otherwise vanish as an HTML tag.</summary>
    private static CharBuffer AppendMarkdown(CharBuffer markdown, string text)
    {
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>')
            {
                markdown.Append('\\');
            }

            markdown.Append(c);
        }

        return markdown;
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
    private static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        _ => "3.0",
    };

    /// <summary>What every result of a rule repeats: encoded once per report, not once per finding.</summary>
    private sealed class ResultRule(RuleMetadata rule, int? index)
    {
        public JsonEncodedText Id { get; } = JsonReportOutput.Encode(rule.Id);

        /// <summary>The rule's position among the descriptors; none when the rule is not among them.</summary>
        public int? Index { get; } = index;

        public JsonEncodedText Level { get; } = JsonReportOutput.Encode(SarifReportWriter.Level(rule.Severity));
    }

    /// <summary>Each file's artifact URI, worked out once per report: every finding in a file repeats it.</summary>
    private sealed class ArtifactUris
    {
        private readonly Dictionary<string, (JsonEncodedText Uri, bool RelativeToSourceRoot)> _byFile = new(StringComparer.Ordinal);

        public (JsonEncodedText Uri, bool RelativeToSourceRoot) For(string file)
        {
            if (!_byFile.TryGetValue(file, out var artifact))
            {
                // Outside the base folder: an absolute file URI, which no base can resolve differently.
                artifact = Path.IsPathRooted(file)
                    ? (JsonReportOutput.Encode(new Uri(file).AbsoluteUri), false)
                    : (JsonReportOutput.Encode(ToUri(file)), true);
                _byFile.Add(file, artifact);
            }

            return artifact;
        }
    }

    /// <summary>A result's property names (and fixed values), encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("ruleId");
        public static readonly JsonEncodedText RuleIndex = JsonEncodedText.Encode("ruleIndex");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Locations = JsonEncodedText.Encode("locations");
        public static readonly JsonEncodedText PartialFingerprints = JsonEncodedText.Encode("partialFingerprints");
        public static readonly JsonEncodedText RampartFinding = JsonEncodedText.Encode("rampartFinding/v1");
        public static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");
        public static readonly JsonEncodedText Proven = JsonEncodedText.Encode("proven");
        public static readonly JsonEncodedText Condition = JsonEncodedText.Encode("condition");
        public static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
        public static readonly JsonEncodedText Finding = JsonEncodedText.Encode("finding");
        public static readonly JsonEncodedText PhysicalLocation = JsonEncodedText.Encode("physicalLocation");
        public static readonly JsonEncodedText ArtifactLocation = JsonEncodedText.Encode("artifactLocation");
        public static readonly JsonEncodedText Uri = JsonEncodedText.Encode("uri");
        public static readonly JsonEncodedText UriBaseId = JsonEncodedText.Encode("uriBaseId");
        public static readonly JsonEncodedText SourceRoot = JsonReportOutput.Encode(SarifReportWriter.SourceRoot);
        public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
        public static readonly JsonEncodedText StartLine = JsonEncodedText.Encode("startLine");
        public static readonly JsonEncodedText StartColumn = JsonEncodedText.Encode("startColumn");
        public static readonly JsonEncodedText LogicalLocations = JsonEncodedText.Encode("logicalLocations");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText FullyQualifiedName = JsonEncodedText.Encode("fullyQualifiedName");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
    }
}
