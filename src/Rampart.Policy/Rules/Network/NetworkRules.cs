namespace Rampart.Policy.Rules.Network;

/// <summary>The rules of the seed's "Network Security Patterns" (NET-*), in control order.</summary>
public static class NetworkRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new ThreeSubnetTiersRule(),
        new NoPublicComputeRule(),
        new IsolatedSubnetRoutesRule(),
        new WebTierGroupRule(),
        new ApplicationTierGroupRule(),
        new DatabaseTierGroupRule(),
        new NoPublicIngressRule(),
        new NoAllowAllEgressRule(),
        new DefaultSecurityGroupClosedRule(),
        new TierNetworkAclsRule(),
        new PrivateServiceEndpointsRule(),
        new FlowLogsEnabledRule(),
        new WebAclProtectsEntryRule(),
        new LoadBalancersEnforceHttpsRule(),
        new CloudFrontEnforcesHttpsRule(),
    ];
}
