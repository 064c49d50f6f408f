using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// What makes a deployment worth monitoring: compute, databases, load balancers. A deployment without
/// any of these (a lone bucket, a parameter) is not judged by the "must contain" rules.
/// </summary>
public static class Workloads
{
    public static IReadOnlyList<string> Types { get; } =
    [
        "AWS::ECS::Service",
        "AWS::ECS::TaskDefinition",
        "AWS::EC2::Instance",
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::EKS::Cluster",
    ];

    /// <summary>The application workloads (what logs application security events).</summary>
    public static IReadOnlyList<string> ApplicationTypes { get; } =
        ["AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup", "AWS::EKS::Cluster"];

    public static bool Present(DeploymentContext deployment) => deployment.Has([.. Types]);

    /// <summary>True when any alternative of the value is the boolean true (or "true").</summary>
    public static bool IsTrue(IEnumerable<Resolved> values) => values.Any(v => v.AsBoolean() == true);

    /// <summary>Every known string a value (or a list of values) holds, flattened one level.</summary>
    public static IEnumerable<string> Strings(ResourceContext resource, IEnumerable<Resolved> values)
    {
        foreach (var value in values)
        {
            if (value.AsString() is { } text)
            {
                yield return text;
            }
            else if (value.PartialText is { } partial)
            {
                yield return partial;
            }
            else if (value.Kind == ValueKind.Sequence)
            {
                foreach (var item in resource.Get(value, "[*]"))
                {
                    if ((item.AsString() ?? item.PartialText) is { } itemText)
                    {
                        yield return itemText;
                    }
                }
            }
        }
    }
}
