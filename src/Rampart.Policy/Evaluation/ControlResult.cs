using Rampart.Policy.Rules;

namespace Rampart.Policy.Evaluation;

/// <summary>A control's verdict over everything scanned.</summary>
public enum ControlOutcome
{
    /// <summary>Something it protects was scanned and nothing violates it.</summary>
    Pass,

    /// <summary>At least one unsuppressed finding.</summary>
    Fail,

    /// <summary>Findings, all of them suppressed with a reason.</summary>
    Suppressed,

    /// <summary>Nothing scanned is something this control is about.</summary>
    NotApplicable,
}

/// <summary>One control's outcome and findings.</summary>
public sealed record ControlResult(RuleMetadata Rule, ControlOutcome Outcome, int Findings, int Suppressed);
