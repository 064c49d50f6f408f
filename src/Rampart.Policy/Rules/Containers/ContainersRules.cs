namespace Rampart.Policy.Rules.Containers;

/// <summary>The rules of the seed's Containers section, in control order.</summary>
public static class ContainersRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new ContainersRunAsNonRootRule(),
        new ReadOnlyRootFilesystemRule(),
        new CapabilitiesDroppedRule(),
        new InitProcessEnabledRule(),
        new ResourceLimitsSetRule(),
        new NoPrivilegedContainersRule(),
        new AwsvpcNetworkModeRule(),
        new ContainerLogsToCloudWatchRule(),
        new EcrRepositoriesHardenedRule(),
    ];
}
