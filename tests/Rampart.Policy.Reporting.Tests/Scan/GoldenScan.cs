using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Loading.Inputs;
using Rampart.Policy.Loading.Suppressions;

namespace Rampart.Policy.Reporting.Tests.Scan;

/// <summary>
/// The fixed scan every golden report is written from: <c>Fixtures/Scan</c> (two templates with findings of
/// four severities, one under a condition, one not proven, one suppressed inline, one suppressed by the
/// central file; a malformed template; a file that is not a template) and <c>Fixtures/suppressions.yaml</c>
/// (with an entry that matches nothing), judged on a pinned day, reported by a pinned tool version.
/// </summary>
public static class GoldenScan
{
    public static readonly DateOnly Today = new(2026, 1, 15);

    public const string ToolVersion = "0.0.0-golden";

    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Built once: the reports are pure functions of it.</summary>
    public static ScanReport Report { get; } = Build();

    private static ScanReport Build()
    {
        var scanDirectory = Path.Combine(FixturesDirectory, "Scan");
        var inputs = InputCollector.Collect([scanDirectory], LoadLimits.Default, currentDirectory: scanDirectory);
        var central = SuppressionsFile.Load(Path.Combine(FixturesDirectory, "suppressions.yaml"), "suppressions.yaml");
        if (central.Error is { } error)
        {
            throw new InvalidOperationException($"the golden suppressions file must load: {error}");
        }

        var result = new PolicyEngine(StandInRules.All).Evaluate(inputs.Deployments, new EvaluationOptions
        {
            Today = Today,
            CentralSuppressions = central.Suppressions,
            CentralSuppressionProblems = central.Problems,
            AllowInlineSuppressions = central.AllowInline,
            Parallel = false,
        });
        return new ScanReport
        {
            Result = result,
            Rules = StandInRules.All,
            Errors = inputs.Errors.Select(e => new InputProblem(e.File, e.Line, e.Column, e.Message)).ToList(),
            Skipped = inputs.Skipped.Select(s => new SkippedInput(s.Path, s.Reason)).ToList(),
            Threshold = Rules.Severity.Medium,
            ToolVersion = ToolVersion,
        };
    }
}
