using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Spectre.Console;

namespace Rampart.Policy.Reporting;

/// <summary>
/// The human report: findings grouped by file, each with where, what and how to fix it; then input errors,
/// the per-section compliance summary and one closing line. Colour only when asked (the CLI decides from
/// the terminal and <c>NO_COLOR</c>).
/// </summary>
public sealed class ConsoleReportWriter(bool color) : IReportWriter
{
    public string Format => "console";

    public void Write(ScanReport report, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        // Long lines stay whole: terminals wrap them, and greps find them.
        console.Profile.Width = 4096;
        var result = report.Result;

        foreach (var file in result.Findings.GroupBy(f => f.File))
        {
            console.MarkupLine($"[bold underline]{Shown(file.Key)}[/]");
            var explained = new HashSet<string>(StringComparer.Ordinal);
            foreach (var finding in file)
            {
                var severity = finding.IsSuppressed ? "[grey]suppressed[/]" : Severity(finding.Severity);
                var where = finding.Location.Line > 0 ? $"{finding.Location.Line}:{finding.Location.Column}" : "-";
                // The key is what a suppression's `finding` field names, so it is shown where people copy from.
                var what = (finding.LogicalId is null ? "(deployment)" : string.Join("  ", new[] { finding.LogicalId, finding.Path }.Where(s => s is not null)))
                    + (finding.Key is null ? string.Empty : $"  (finding: {finding.Key})");
                console.MarkupLine($"  {where,-8} {severity} [bold]{finding.Rule.Id}[/] {Shown(what)}");
                var message = finding.Message + (finding.Condition is null ? string.Empty : $" ({finding.Condition})") + (finding.Proven ? string.Empty : " [not proven: a value could not be resolved]");
                console.MarkupLine($"           {Shown(message)}");
                if (finding.Suppression is { } suppression)
                {
                    console.MarkupLine($"           [grey]{Shown(SuppressionText.Describe(suppression))}[/]");
                }
                else if (explained.Add(finding.Rule.Id))
                {
                    // The remediation once per control and file: the same advice under every finding is noise.
                    console.MarkupLine($"           [grey]fix: {Markup.Escape(finding.Rule.Remediation.CloudFormation)}[/]");
                }
            }

            console.WriteLine();
        }

        if (report.Errors.Count > 0)
        {
            console.MarkupLine("[bold red]Errors[/]");
            foreach (var error in report.Errors)
            {
                console.MarkupLine($"  [red]{Markup.Escape(error.ToString())}[/]");
            }

            console.WriteLine();
        }

        if (result.SuppressionProblems.Count > 0)
        {
            console.MarkupLine("[bold yellow]Suppression problems[/]");
            foreach (var problem in result.SuppressionProblems)
            {
                console.MarkupLine($"  [yellow]{Markup.Escape(problem.ToString())}[/]");
            }

            console.WriteLine();
        }

        var sections = SectionSummary.From(result);
        if (sections.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Controls by seed section");
            table.AddColumns("Section", "Passed", "Failed", "Suppressed", "Not applicable");
            foreach (var section in sections)
            {
                table.AddRow(section.Section.ToString(), Count(section.Passed), Count(section.Failed), Count(section.Suppressed), Count(section.NotApplicable));
            }

            table.AddRow("[bold]All[/]", Count(sections.Sum(s => s.Passed)), Count(sections.Sum(s => s.Failed)), Count(sections.Sum(s => s.Suppressed)), Count(sections.Sum(s => s.NotApplicable)));
            console.Write(table);
        }

        console.MarkupLine(Markup.Escape(Summary(report)));
    }

    /// <summary>The closing line: counts, and the seed's "Security Rule Compliance" KPI against its 95% target.</summary>
    public static string Summary(ScanReport report)
    {
        var result = report.Result;
        var findings = result.Unsuppressed.ToList();
        var bySeverity = string.Join(", ", findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        var compliance = result.CompliancePercent is { } percent
            ? $"Security Rule Compliance {percent:0.0}% (target > 95%)"
            : "Security Rule Compliance n/a (no control applied)";
        return $"{result.TemplateCount} template(s), {result.ResourceCount} resource(s): "
            + $"{findings.Count} finding(s){(bySeverity.Length > 0 ? $" ({bySeverity})" : string.Empty)}, "
            + (report.Threshold > Rules.Severity.Low ? $"{report.Failing.Count()} at or above the {report.Threshold.ToString().ToLowerInvariant()} threshold, " : string.Empty)
            + $"{result.Findings.Count(f => f.IsSuppressed)} suppressed, {report.Errors.Count} error(s)"
            + (report.Skipped.Count > 0 ? $", {report.Skipped.Count} file(s) skipped as not templates" : string.Empty)
            + $". {compliance}.";
    }

    /// <summary>One finding on one line, for plain-text uses (JUnit failure text, logs).</summary>
    public static string OneLine(Finding finding) =>
        $"{finding.Location}: {string.Join(' ', new[] { finding.Rule.Id, finding.LogicalId, finding.Path }.Where(part => part is not null))}: {finding.Message}"
        + (finding.Condition is null ? string.Empty : $" ({finding.Condition})")
        + (finding.Proven ? string.Empty : " [not proven]");

    /// <summary>Text that came from a scanned file (names, values, paths, messages quoting them): printable, then escaped as markup.</summary>
    private static string Shown(string text) => Markup.Escape(PrintableText.Of(text));

    private static string Severity(Severity severity) => severity switch
    {
        Rules.Severity.Critical => "[bold red]CRITICAL[/]",
        Rules.Severity.High => "[red]HIGH[/]",
        Rules.Severity.Medium => "[yellow]MEDIUM[/]",
        _ => "[blue]LOW[/]",
    };

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
