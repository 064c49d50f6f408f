using System.Net;
using System.Text;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting;

/// <summary>A self-contained HTML page (no scripts, no external assets) for people who review scans in a browser.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    /// <summary>Characters gathered before they go to the output.</summary>
    private const int FlushThreshold = 16 * 1024;

    public string Format => "html";

    public void Write(ScanReport report, TextWriter output)
    {
        var result = report.Result;
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rampart scan report</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}"
            + "td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f3f3f3}"
            + ".critical,.high{color:#b00020;font-weight:bold}.medium{color:#a65e00}.low{color:#0057a6}.suppressed{color:#777}"
            + ".fail{color:#b00020}.pass{color:#1b7a1b}code{font-size:.9em}</style></head><body>");
        html.AppendLine("<h1>Rampart scan report</h1>");
        html.Append("<p>").Append(Encode(ConsoleReportWriter.Summary(report))).AppendLine("</p>");

        html.AppendLine("<h2>Controls by seed section</h2><table><tr><th>Section</th><th>Passed</th><th>Failed</th><th>Suppressed</th><th>Not applicable</th></tr>");
        foreach (var section in SectionSummary.From(result))
        {
            html.Append("<tr><td>").Append(section.Section).Append("</td><td>").Append(section.Passed).Append("</td><td>").Append(section.Failed)
                .Append("</td><td>").Append(section.Suppressed).Append("</td><td>").Append(section.NotApplicable).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");

        html.AppendLine("<h2>Findings</h2>");
        if (result.Findings.Count == 0)
        {
            html.AppendLine("<p>No findings.</p>");
        }
        else
        {
            html.AppendLine("<table><tr><th>Severity</th><th>Control</th><th>Where</th><th>Resource</th><th>Finding</th><th>Fix</th></tr>");
            var rules = new Dictionary<RuleMetadata, EncodedRule>(ReferenceEqualityComparer.Instance);
            foreach (var finding in result.Findings)
            {
                if (!rules.TryGetValue(finding.Rule, out var rule))
                {
                    rule = new EncodedRule(finding.Rule);
                    rules.Add(finding.Rule, rule);
                }

                var severity = finding.IsSuppressed ? "suppressed" : rule.Severity;
                html.Append("<tr><td class=\"").Append(severity).Append("\">").Append(severity).Append("</td>")
                    .Append("<td>").Append(rule.Control).Append("</td>")
                    .Append("<td><code>").Append(Encode(finding.File)).Append(':').Append(finding.Location.Line).Append(':').Append(finding.Location.Column).Append("</code></td>")
                    .Append("<td>").Append(Encode(finding.LogicalId ?? "-")).Append("<br><code>").Append(Encode(finding.Path ?? string.Empty)).Append("</code></td>")
                    .Append("<td>").Append(Encode(finding.Message));
                if (finding.Condition is not null)
                {
                    html.Append(" (").Append(Encode(finding.Condition)).Append(')');
                }

                if (!finding.Proven)
                {
                    html.Append(" <em>not proven: a value could not be resolved</em>");
                }

                if (finding.Suppression is { } suppression)
                {
                    html.Append("<br><span class=\"suppressed\">").Append(Encode(SuppressionText.Describe(suppression))).Append("</span>");
                }

                html.Append("</td><td>").Append(rule.Fix).AppendLine("</td></tr>");
                FlushWhenFull(html, output);
            }

            html.AppendLine("</table>");
        }

        if (report.Errors.Count > 0)
        {
            html.AppendLine("<h2>Errors</h2><ul>");
            foreach (var error in report.Errors)
            {
                html.Append("<li><code>").Append(Encode(error.ToString())).AppendLine("</code></li>");
            }

            html.AppendLine("</ul>");
        }

        if (result.SuppressionProblems.Count > 0)
        {
            html.AppendLine("<h2>Suppression problems</h2><ul>");
            foreach (var problem in result.SuppressionProblems)
            {
                html.Append("<li><code>").Append(Encode(problem.ToString())).AppendLine("</code></li>");
            }

            html.AppendLine("</ul>");
        }

        if (report.Skipped.Count > 0)
        {
            html.AppendLine("<h2>Skipped (not templates)</h2><ul>");
            foreach (var skipped in report.Skipped)
            {
                html.Append("<li><code>").Append(Encode(skipped.File)).Append("</code>: ").Append(Encode(skipped.Reason)).AppendLine("</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("<h2>Controls</h2><table><tr><th>Control</th><th>Section</th><th>Outcome</th><th>Findings</th></tr>");
        foreach (var control in result.Controls)
        {
            var outcome = JsonReportWriter.Outcome(control.Outcome);
            html.Append("<tr><td>").Append(Encode($"{control.Rule.Id} {control.Rule.Title}")).Append("</td><td>").Append(control.Rule.Section)
                .Append("</td><td class=\"").Append(outcome == "fail" ? "fail" : outcome == "pass" ? "pass" : string.Empty).Append("\">").Append(outcome)
                .Append("</td><td>").Append(control.Findings).AppendLine("</td></tr>");
        }

        html.AppendLine("</table></body></html>");
        output.Write(html);
    }

    /// <summary>Template text as HTML text: printable (see <see cref="PrintableText"/>), then encoded, never markup.</summary>
    private static string Encode(string text) => WebUtility.HtmlEncode(PrintableText.Of(text));

    /// <summary>Hands the page on in pieces, so a report of thousands of findings is never one string in memory.</summary>
    private static void FlushWhenFull(StringBuilder html, TextWriter output)
    {
        if (html.Length >= FlushThreshold)
        {
            output.Write(html);
            html.Clear();
        }
    }

    /// <summary>A finding's rule as every row of that rule repeats it: encoded once per report, not once per finding.</summary>
    private sealed class EncodedRule(RuleMetadata rule)
    {
        public string Severity { get; } = rule.Severity.ToString().ToLowerInvariant();

        /// <summary>The control cell: ID, then title.</summary>
        public string Control { get; } = Encode(rule.Id) + "<br>" + Encode(rule.Title);

        /// <summary>The fix cell: both remediations.</summary>
        public string Fix { get; } = "CloudFormation: " + Encode(rule.Remediation.CloudFormation) + "<br>CDK: " + Encode(rule.Remediation.Cdk);
    }
}
