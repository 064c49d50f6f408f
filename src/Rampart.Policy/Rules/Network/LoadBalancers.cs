using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>Load balancers: which are internet-facing, which are application load balancers.</summary>
public static class LoadBalancers
{
    public const string V2Type = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    public const string ClassicType = "AWS::ElasticLoadBalancing::LoadBalancer";
    public const string ListenerType = "AWS::ElasticLoadBalancingV2::Listener";
    public const string ListenerRuleType = "AWS::ElasticLoadBalancingV2::ListenerRule";

    /// <summary>
    /// True unless every alternative of <c>Scheme</c> is <c>internal</c>: CloudFormation's default is
    /// internet-facing, and a scheme the template cannot tell may be internet-facing.
    /// </summary>
    public static bool IsInternetFacing(ResourceContext balancer) =>
        balancer.Get("Scheme").Any(scheme => scheme.AsString() != "internal");

    /// <summary>
    /// True when the load balancer may be an application load balancer: <c>Type</c> absent (the default),
    /// <c>application</c>, or a value the template cannot tell.
    /// </summary>
    public static bool IsApplication(ResourceContext balancer) =>
        balancer.Type == V2Type && balancer.Get("Type").Any(type => type.IsAbsent || type.IsUnknown || type.AsString() == "application");

    /// <summary>An internet-facing application load balancer: the seed's web tier entry point.</summary>
    public static bool IsPublicApplication(ResourceContext balancer) => IsApplication(balancer) && IsInternetFacing(balancer);

    /// <summary>The load balancer a listener belongs to (null when it is outside the template).</summary>
    public static ResourceContext? OfListener(ResourceContext listener) =>
        listener.Get("LoadBalancerArn").Select(arn => Resources.Referenced(listener, arn, V2Type)).FirstOrDefault(b => b is not null);

    /// <summary>True when the value is the load balancer's ARN (<c>Ref</c> of an ELBv2 load balancer is its ARN).</summary>
    public static bool IsArnOf(Resolved value, ResourceContext balancer) =>
        Resources.RefersTo(value, balancer.LogicalId) && value.ReferencedAttribute is null or "LoadBalancerArn";
}
