namespace Rampart.Policy.Rules.Monitoring;

/// <summary>The rules of the seed's Monitoring section, in control order.</summary>
public static class MonitoringRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
    ];
}
