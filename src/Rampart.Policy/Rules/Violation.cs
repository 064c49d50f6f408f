using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules;

/// <summary>
/// What a rule found wrong, before the engine turns it into a finding (adding the rule's metadata and
/// applying suppressions). Made through <see cref="ResourceContext.Fail(Resolved, string, string?)"/> and friends.
/// </summary>
public sealed record Violation
{
    public required Template Template { get; init; }

    /// <summary>The resource at fault; null for what a template or deployment lacks.</summary>
    public Resource? Resource { get; init; }

    /// <summary>The property path within the resource (<c>Properties.SecurityGroupIngress[0].CidrIp</c>), if any.</summary>
    public string? Path { get; init; }

    public required SourceLocation Location { get; init; }

    public required string Message { get; init; }

    /// <summary>False when the verdict rests on a value that could not be resolved.</summary>
    public bool Proven { get; init; } = true;

    /// <summary>The conditions under which the violation holds.</summary>
    public Guard Guard { get; init; } = Guard.Always;

    /// <summary>
    /// Names this one finding among several of the same control on the same resource (a port, an action),
    /// so a suppression can be narrowed to it.
    /// </summary>
    public string? Key { get; init; }
}
