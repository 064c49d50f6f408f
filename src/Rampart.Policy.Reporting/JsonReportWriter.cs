using System.Text.Json;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting;

/// <summary>
/// Rampart's own JSON: a summary, one entry per control, every finding (suppressed ones with their reason),
/// input errors, skipped files and suppression problems. Stable field names, camelCase.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(ScanReport report, TextWriter output) => JsonReportOutput.Write(output, json => WriteDocument(json, report));

    /// <inheritdoc />
    public void Write(ScanReport report, Stream output) => JsonReportOutput.Write(output, json => WriteDocument(json, report));

    private static void WriteDocument(Utf8JsonWriter json, ScanReport report)
    {
        var result = report.Result;
        json.WriteStartObject();
        json.WriteString("tool", "rampart");
        json.WriteString("version", report.ToolVersion);

        json.WriteStartObject("summary");
        json.WriteNumber("templates", result.TemplateCount);
        json.WriteNumber("resources", result.ResourceCount);
        json.WriteNumber("findings", result.Unsuppressed.Count());
        json.WriteNumber("failing", report.Failing.Count());
        json.WriteNumber("suppressed", result.Findings.Count(f => f.IsSuppressed));
        json.WriteNumber("errors", report.Errors.Count);
        json.WriteString("threshold", report.Threshold.ToString().ToLowerInvariant());
        if (result.CompliancePercent is { } compliance)
        {
            json.WriteNumber("securityRuleCompliancePercent", Math.Round(compliance, 1));
        }
        else
        {
            json.WriteNull("securityRuleCompliancePercent");
        }

        json.WriteEndObject();

        json.WriteStartArray("controls");
        foreach (var control in result.Controls)
        {
            json.WriteStartObject();
            json.WriteString("id", control.Rule.Id);
            json.WriteString("title", control.Rule.Title);
            json.WriteString("section", control.Rule.Section.ToString());
            json.WriteString("severity", control.Rule.Severity.ToString().ToLowerInvariant());
            json.WriteString("outcome", Outcome(control.Outcome));
            json.WriteNumber("findings", control.Findings - control.Suppressed);
            json.WriteNumber("suppressed", control.Suppressed);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("findings");
        var rules = new Dictionary<RuleMetadata, EncodedRule>(ReferenceEqualityComparer.Instance);
        foreach (var finding in result.Findings)
        {
            if (!rules.TryGetValue(finding.Rule, out var rule))
            {
                rule = new EncodedRule(finding.Rule);
                rules.Add(finding.Rule, rule);
            }

            WriteFinding(json, finding, rule);
            JsonReportOutput.FlushWhenFull(json);
        }

        json.WriteEndArray();

        json.WriteStartArray("errors");
        foreach (var error in report.Errors)
        {
            json.WriteStartObject();
            json.WriteString("file", error.File);
            json.WriteNumber("line", error.Line);
            json.WriteNumber("column", error.Column);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("skipped");
        foreach (var skipped in report.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("file", skipped.File);
            json.WriteString("reason", skipped.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("suppressionProblems");
        foreach (var problem in result.SuppressionProblems)
        {
            json.WriteStartObject();
            json.WriteString("kind", problem.Kind.ToString());
            json.WriteString("file", problem.Location.File);
            json.WriteNumber("line", problem.Location.Line);
            json.WriteNumber("column", problem.Location.Column);
            json.WriteString("message", problem.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding, EncodedRule rule)
    {
        json.WriteStartObject();
        json.WriteString(Names.Control, rule.Id);
        json.WriteString(Names.Title, rule.Title);
        json.WriteString(Names.Severity, rule.Severity);
        json.WriteString(Names.Section, rule.Section);
        json.WriteString(Names.Deployment, finding.Deployment);
        json.WriteString(Names.File, finding.File);
        json.WriteNumber(Names.Line, finding.Location.Line);
        json.WriteNumber(Names.Column, finding.Location.Column);
        WriteOptional(json, Names.Resource, finding.LogicalId);
        WriteOptional(json, Names.ResourceType, finding.ResourceType);
        WriteOptional(json, Names.Path, finding.Path);
        json.WriteString(Names.Message, finding.Message);
        json.WriteBoolean(Names.Proven, finding.Proven);
        WriteOptional(json, Names.Condition, finding.Condition);
        WriteOptional(json, Names.Key, finding.Key);
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartObject("suppressed");
            json.WriteString("reason", suppression.Reason);
            json.WriteString("source", suppression.Source.ToString().ToLowerInvariant());
            if (suppression.Expires is { } expires)
            {
                json.WriteString("expires", expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteStartObject(Names.Remediation);
        json.WriteString(Names.CloudFormation, rule.CloudFormation);
        json.WriteString(Names.Cdk, rule.Cdk);
        json.WriteEndObject();
        json.WriteStartArray(Names.References);
        foreach (var reference in rule.References)
        {
            json.WriteStringValue(reference);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    internal static string Outcome(ControlOutcome outcome) => outcome switch
    {
        ControlOutcome.Pass => "pass",
        ControlOutcome.Fail => "fail",
        ControlOutcome.Suppressed => "suppressed",
        _ => "notApplicable",
    };

    /// <summary>A finding's rule as every finding of that rule repeats it: encoded once per report, not once per finding.</summary>
    private sealed class EncodedRule(RuleMetadata rule)
    {
        public JsonEncodedText Id { get; } = JsonReportOutput.Encode(rule.Id);

        public JsonEncodedText Title { get; } = JsonReportOutput.Encode(rule.Title);

        public JsonEncodedText Severity { get; } = JsonReportOutput.Encode(rule.Severity.ToString().ToLowerInvariant());

        public JsonEncodedText Section { get; } = JsonReportOutput.Encode(rule.Section.ToString());

        public JsonEncodedText CloudFormation { get; } = JsonReportOutput.Encode(rule.Remediation.CloudFormation);

        public JsonEncodedText Cdk { get; } = JsonReportOutput.Encode(rule.Remediation.Cdk);

        public JsonEncodedText[] References { get; } = [.. rule.References.Select(reference => JsonReportOutput.Encode(reference.ToString()))];
    }

    /// <summary>A finding's property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Control = JsonEncodedText.Encode("control");
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
        public static readonly JsonEncodedText Section = JsonEncodedText.Encode("section");
        public static readonly JsonEncodedText Deployment = JsonEncodedText.Encode("deployment");
        public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText Resource = JsonEncodedText.Encode("resource");
        public static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Proven = JsonEncodedText.Encode("proven");
        public static readonly JsonEncodedText Condition = JsonEncodedText.Encode("condition");
        public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        public static readonly JsonEncodedText Remediation = JsonEncodedText.Encode("remediation");
        public static readonly JsonEncodedText CloudFormation = JsonEncodedText.Encode("cloudFormation");
        public static readonly JsonEncodedText Cdk = JsonEncodedText.Encode("cdk");
        public static readonly JsonEncodedText References = JsonEncodedText.Encode("references");
    }
}
