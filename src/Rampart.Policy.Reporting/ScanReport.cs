using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting;

/// <summary>An input that could not be read or parsed: one line, <c>FILE:LINE:COLUMN: message</c>.</summary>
public sealed record InputProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>A file that was looked at and is not a template (a note, not an error).</summary>
public sealed record SkippedInput(string File, string Reason);

/// <summary>Everything a report shows about one scan. Writers format it; they compute nothing of their own.</summary>
public sealed record ScanReport
{
    public required EvaluationResult Result { get; init; }

    /// <summary>The rules that ran (for rule descriptors and the per-control summary).</summary>
    public required IReadOnlyList<IRule> Rules { get; init; }

    public IReadOnlyList<InputProblem> Errors { get; init; } = [];

    public IReadOnlyList<SkippedInput> Skipped { get; init; } = [];

    /// <summary>Findings at or above this severity make the scan fail.</summary>
    public Severity Threshold { get; init; } = Severity.Low;

    public string ToolVersion { get; init; } = "0.0.0";

    /// <summary>Unsuppressed findings at or above the threshold.</summary>
    public IEnumerable<Finding> Failing => Result.Unsuppressed.Where(f => f.Severity >= Threshold);
}

/// <summary>Writes a report in one format to a text writer (a file, the console, a test's StringWriter).</summary>
public interface IReportWriter
{
    /// <summary>The name given to <c>--format</c>.</summary>
    string Format { get; }

    void Write(ScanReport report, TextWriter output);

    /// <summary>
    /// Writes the report as UTF-8 without a byte order mark to a stream (a file). The JSON formats write their bytes
    /// straight to it; the others go through a <see cref="StreamWriter"/>. Leaves the stream open.
    /// </summary>
    void Write(ScanReport report, Stream output)
    {
        using var text = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        Write(report, text);
    }
}

/// <summary>Per seed section: how many controls passed, failed, were suppressed or did not apply.</summary>
public sealed record SectionSummary(SeedSection Section, int Passed, int Failed, int Suppressed, int NotApplicable)
{
    public static IReadOnlyList<SectionSummary> From(EvaluationResult result) =>
        Enum.GetValues<SeedSection>()
            .Select(section =>
            {
                var controls = result.Controls.Where(c => c.Rule.Section == section).ToList();
                return new SectionSummary(
                    section,
                    controls.Count(c => c.Outcome == ControlOutcome.Pass),
                    controls.Count(c => c.Outcome == ControlOutcome.Fail),
                    controls.Count(c => c.Outcome == ControlOutcome.Suppressed),
                    controls.Count(c => c.Outcome == ControlOutcome.NotApplicable));
            })
            .Where(s => s.Passed + s.Failed + s.Suppressed + s.NotApplicable > 0)
            .ToList();
}
