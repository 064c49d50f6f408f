using Rampart.Policy.Rules;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Evaluation;

/// <summary>Everything one evaluation found, in a stable order (file, line, column, control).</summary>
public sealed class EvaluationResult(
    IReadOnlyList<Finding> findings,
    IReadOnlyList<ControlResult> controls,
    IReadOnlyList<SuppressionProblem> suppressionProblems,
    int templates,
    int resources)
{
    /// <summary>Every finding, suppressed ones included (they carry their suppression).</summary>
    public IReadOnlyList<Finding> Findings { get; } = findings;

    /// <summary>One entry per rule that ran.</summary>
    public IReadOnlyList<ControlResult> Controls { get; } = controls;

    public IReadOnlyList<SuppressionProblem> SuppressionProblems { get; } = suppressionProblems;

    public int TemplateCount { get; } = templates;

    public int ResourceCount { get; } = resources;

    public IEnumerable<Finding> Unsuppressed => Findings.Where(f => !f.IsSuppressed);

    /// <summary>True when an unsuppressed finding is at or above the threshold.</summary>
    public bool HasFindingsAtOrAbove(Severity threshold) => Unsuppressed.Any(f => f.Severity >= threshold);

    /// <summary>
    /// The seed's "Security Rule Compliance" KPI: applicable controls that pass (suppressed count as passing
    /// with a written reason) over applicable controls, in percent; null when no control applies.
    /// </summary>
    public double? CompliancePercent
    {
        get
        {
            var applicable = Controls.Count(c => c.Outcome != ControlOutcome.NotApplicable);
            return applicable == 0 ? null : 100.0 * Controls.Count(c => c.Outcome is ControlOutcome.Pass or ControlOutcome.Suppressed) / applicable;
        }
    }
}
