using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Policy.Evaluation;

namespace Rampart.Policy.Reporting;

/// <summary>
/// Rampart's own JSON: a summary, one entry per control, every finding (suppressed ones with their reason),
/// input errors, skipped files and suppression problems. Stable field names, camelCase.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(ScanReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
            foreach (var finding in result.Findings)
            {
                WriteFinding(json, finding);
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

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("control", finding.Rule.Id);
        json.WriteString("title", finding.Rule.Title);
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("section", finding.Rule.Section.ToString());
        json.WriteString("deployment", finding.Deployment);
        json.WriteString("file", finding.File);
        json.WriteNumber("line", finding.Location.Line);
        json.WriteNumber("column", finding.Location.Column);
        WriteOptional(json, "resource", finding.LogicalId);
        WriteOptional(json, "resourceType", finding.ResourceType);
        WriteOptional(json, "path", finding.Path);
        json.WriteString("message", finding.Message);
        json.WriteBoolean("proven", finding.Proven);
        WriteOptional(json, "condition", finding.Condition);
        WriteOptional(json, "key", finding.Key);
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartObject("suppressed");
            json.WriteString("reason", suppression.Reason);
            json.WriteString("source", suppression.Source.ToString().ToLowerInvariant());
            WriteOptional(json, "expires", suppression.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteStartObject("remediation");
        json.WriteString("cloudFormation", finding.Rule.Remediation.CloudFormation);
        json.WriteString("cdk", finding.Rule.Remediation.Cdk);
        json.WriteEndObject();
        json.WriteStartArray("references");
        foreach (var reference in finding.Rule.References)
        {
            json.WriteStringValue(reference.ToString());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
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
}
