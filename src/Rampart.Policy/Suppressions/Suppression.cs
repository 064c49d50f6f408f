using Rampart.Policy.Model;

namespace Rampart.Policy.Suppressions;

/// <summary>Where a suppression was written.</summary>
public enum SuppressionSource
{
    /// <summary>In the resource's <c>Metadata.rampart.suppressions</c>.</summary>
    Inline,

    /// <summary>In the central suppressions file kept by security reviewers.</summary>
    File,
}

/// <summary>
/// An accepted exception to a control, with its reason. Narrowed by <see cref="Finding"/> to one finding of
/// the control (a port, an action) so it does not hide the next violation of the same control.
/// </summary>
public sealed record Suppression
{
    public required string ControlId { get; init; }

    /// <summary>Why the exception is accepted; mandatory.</summary>
    public required string Reason { get; init; }

    /// <summary>The last day the suppression holds; null = no expiry.</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>When set, only the finding with this key (see <c>Finding.Key</c>) is suppressed.</summary>
    public string? Finding { get; init; }

    public required SuppressionSource Source { get; init; }

    /// <summary>For central suppressions: the template path it applies to (exact, or a glob with <c>*</c>/<c>**</c>); null = any.</summary>
    public string? FilePattern { get; init; }

    /// <summary>For central suppressions: the logical ID it applies to; null = any resource.</summary>
    public string? LogicalId { get; init; }

    /// <summary>Where the suppression is written, to report problems with it.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>What is wrong with a suppression.</summary>
public enum SuppressionProblemKind
{
    MissingReason,
    Expired,
    UnknownControl,
    MatchedNothing,
    InlineForbidden,
    Malformed,
}

/// <summary>A suppression that is itself a finding: no reason, expired, unknown control, unused, forbidden.</summary>
public sealed record SuppressionProblem(SuppressionProblemKind Kind, SourceLocation Location, string Message)
{
    /// <summary>The one-line form people read, printable (<see cref="PrintableText"/>): the message may quote the template.</summary>
    public override string ToString() => PrintableText.Of($"{Location}: {Message}");
}
