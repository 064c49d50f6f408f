namespace Rampart.Policy.Rules.Containers;

/// <summary>The rules of the seed's Containers section, in control order.</summary>
public static class ContainersRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
    ];
}
