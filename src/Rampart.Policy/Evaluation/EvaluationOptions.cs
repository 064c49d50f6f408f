using Rampart.Policy.Rules;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Evaluation;

/// <summary>What to evaluate and which exceptions to accept.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Which rules run; null = all. The CLI builds it from --control / --section / --skip.</summary>
    public Func<RuleMetadata, bool>? RuleFilter { get; init; }

    /// <summary>Suppressions from the central file (already parsed by the loader).</summary>
    public IReadOnlyList<Suppression> CentralSuppressions { get; init; } = [];

    /// <summary>Problems found while reading the central file (reported with the others).</summary>
    public IReadOnlyList<SuppressionProblem> CentralSuppressionProblems { get; init; } = [];

    /// <summary>False when the central file forbids suppressions in templates' metadata.</summary>
    public bool AllowInlineSuppressions { get; init; } = true;

    /// <summary>The day against which expiry dates are judged.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Evaluate templates in parallel (results are ordered the same either way).</summary>
    public bool Parallel { get; init; } = true;
}
