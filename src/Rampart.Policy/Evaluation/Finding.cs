using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Evaluation;

/// <summary>A violation of a control, with the rule's metadata, where it is, and whether it is suppressed.</summary>
public sealed record Finding
{
    public required RuleMetadata Rule { get; init; }

    /// <summary>The deployment (cloud assembly or scan) the template belongs to.</summary>
    public required string Deployment { get; init; }

    public required string File { get; init; }

    public string? LogicalId { get; init; }

    public string? ResourceType { get; init; }

    /// <summary>The property path within the resource, e.g. <c>Properties.SecurityGroupIngress[0].CidrIp</c>.</summary>
    public string? Path { get; init; }

    public required SourceLocation Location { get; init; }

    public required string Message { get; init; }

    /// <summary>
    /// Proven: the template's own values show the violation. Not proven: it rests on a value the template
    /// cannot tell (an import, a parameter without default) and needs a human to check.
    /// </summary>
    public bool Proven { get; init; } = true;

    /// <summary>"when IsProd is false" when the violation holds only under template conditions; otherwise null.</summary>
    public string? Condition { get; init; }

    /// <summary>Narrows the finding within its control (a port, an action) for suppressions.</summary>
    public string? Key { get; init; }

    /// <summary>The suppression that accepts this finding, if any: the finding stays visible as suppressed.</summary>
    public Suppression? Suppression { get; init; }

    public bool IsSuppressed => Suppression is not null;

    public Severity Severity => Rule.Severity;
}
