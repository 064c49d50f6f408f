using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-12: every VPC of the template has an <c>AWS::EC2::FlowLog</c> whose <c>ResourceId</c> refers to it and
/// which records rejected traffic (<c>TrafficType</c> ALL or REJECT, as FSBP EC2.6 asks; ACCEPT alone does not
/// count). A flow log created under a condition covers the VPC only when it holds ("when EnableFlowLogs is
/// false"); a flow log whose <c>ResourceId</c> or traffic type cannot be resolved makes a missing one unprovable.
/// Beyond the seed: flow logs are how "Assume Breach" and the seed's monitoring see the network.
/// </summary>
public sealed class FlowLogsEnabledRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "NET-12",
        "VPC flow logs are enabled",
        Severity.Medium,
        SeedSection.Network,
        [FrameworkReference.Fsbp("EC2.6")],
        new Remediation(
            CloudFormation: "Add an AWS::EC2::FlowLog with ResourceType: VPC, ResourceId: !Ref Vpc and TrafficType: ALL, delivering to an encrypted CloudWatch Logs group or S3 bucket.",
            Cdk: "vpc.addFlowLog('FlowLog', { trafficType: FlowLogTrafficType.ALL, destination: FlowLogDestination.toCloudWatchLogs(logGroup) }) or flowLogs on the Vpc props."))
    {
        SeedText = "Continuous Monitoring: Real-time threat detection and automated response.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Topology.VpcType];

    public IEnumerable<Violation> Evaluate(ResourceContext vpc)
    {
        if (!Resources.CanExist(vpc))
        {
            yield break;
        }

        var covering = new List<Guard>();
        var uncertain = false;
        var acceptOnly = new List<string>();
        foreach (var flowLog in vpc.Template.OfType("AWS::EC2::FlowLog").Where(Resources.CanExist))
        {
            foreach (var resourceId in flowLog.Get("ResourceId"))
            {
                if (resourceId.IsUnknown)
                {
                    uncertain = true;
                    continue;
                }

                if (!Resources.RefersTo(resourceId, vpc.LogicalId))
                {
                    continue;
                }

                foreach (var traffic in flowLog.Get("TrafficType"))
                {
                    if (traffic.IsUnknown)
                    {
                        uncertain = true;
                    }
                    else if (traffic.AsString() is "ALL" or "REJECT" && resourceId.Guard.And(traffic.Guard) is { } guard)
                    {
                        covering.Add(guard);
                    }
                    else
                    {
                        acceptOnly.Add(flowLog.LogicalId);
                    }
                }
            }
        }

        var detail = acceptOnly.Count > 0 ? $" ({string.Join(", ", acceptOnly.Distinct())} records accepted traffic only)" : string.Empty;
        foreach (var guard in Scenarios.WhenMissing(vpc.Guard, covering))
        {
            yield return vpc.Fail($"has no flow log recording rejected traffic{detail}: connections to and from the VPC leave no trace", "flow-log") with { Guard = guard, Proven = !uncertain };
        }
    }
}
