namespace Rampart.Policy.Rules.Network;

/// <summary>The rules of the seed's "Network Security Patterns" (NET-*), in control order.</summary>
public static class NetworkRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new NoPublicIngressRule(),
    ];
}
