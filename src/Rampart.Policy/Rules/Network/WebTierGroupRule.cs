namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-04: the web tier's security groups (those attached to an internet-facing load balancer) admit only TCP 80
/// and 443 from a managed prefix list (CloudFront's origin-facing list; the ID differs per region and is often
/// looked up at deployment, so any <c>SourcePrefixListId</c> is accepted), and send only HTTPS (443, anywhere) and
/// the application port to application-tier groups. The application port is inferred (see
/// <see cref="SecurityGroupTiers"/>); when nothing tells it, any single TCP port to an application-tier group
/// passes. A group without any egress rule keeps AWS's allow-all egress and fails; an internet-facing application
/// load balancer without a security group (the VPC's default group) fails too.
/// Not applicable to a template without a web-tier group or internet-facing load balancer.
/// </summary>
public sealed class WebTierGroupRule : ITemplateRule
{
    private const string IngressPattern = "the web tier admits only TCP 80 and 443, from CloudFront's origin-facing prefix list";
    private const string EgressPattern = "the web tier sends only the application port to the application tier and HTTPS (443)";

    public RuleMetadata Metadata { get; } = new(
        "NET-04",
        "Web-tier security groups admit only 80/443 from CloudFront and send only to the application tier and 443",
        Severity.High,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "On the load balancer's group: SecurityGroupIngress only IpProtocol tcp, FromPort/ToPort 80 and 443, SourcePrefixListId of com.amazonaws.global.cloudfront.origin-facing; SecurityGroupEgress only tcp 443 to 0.0.0.0/0 and an AWS::EC2::SecurityGroupEgress of the application port to the application group (DestinationSecurityGroupId).",
            Cdk: "new SecurityGroup(..., { allowAllOutbound: false }); group.addIngressRule(Peer.prefixList(cloudFrontPrefixListId), Port.tcp(443)); group.connections.allowTo(appGroup, Port.tcp(applicationPort)); group.addEgressRule(Peer.anyIpv4(), Port.tcp(443)); listeners with open: false."))
    {
        SeedText = "Web Tier Security Group Pattern. Ingress: HTTP (port 80) and HTTPS (port 443) from CloudFront IP ranges only; deny all other inbound traffic. Egress: <applicationPort> to Application Tier Security Group; HTTPS (port 443) to internet for health checks and AWS APIs.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var tiers = SecurityGroupTiers.Of(template);
        var applies = tiers.GroupsIn(GroupTier.Web).Any()
            || tiers.OutsideGroups.Concat(tiers.WithoutGroup).Any(a => a.Tier == GroupTier.Web);
        if (!applies)
        {
            return null;
        }

        return TierPatterns.Check(tiers, GroupTier.Web, Direction.Ingress, (group, rule) => Ingress(group, rule))
            .Concat(TierPatterns.Check(tiers, GroupTier.Web, Direction.Egress, (group, rule) => Egress(tiers, group, rule)))
            .Concat(TierPatterns.DefaultEgress(tiers, GroupTier.Web, EgressPattern))
            .Concat(TierPatterns.Attachments(tiers, GroupTier.Web, "web"))
            .ToList();
    }

    private static Verdict? Ingress(ResourceContext group, GroupRule rule)
    {
        var what = $"admits {rule.DescribeTraffic()} from {rule.DescribePeer()} into web-tier group {group.LogicalId}";
        if (rule.PeerKind != PeerKind.PrefixList)
        {
            // A CIDR or a group is never the prefix list, whatever its value: proven.
            return new Verdict(rule.Peer, $"{what}; {IngressPattern}", true);
        }

        return rule.IsTcp && rule.IsSinglePort && rule.FromPort is 80 or 443 ? null : TierPatterns.WrongPort(rule, $"{what}; {IngressPattern}");
    }

    private static Verdict? Egress(SecurityGroupTiers tiers, ResourceContext group, GroupRule rule)
    {
        var what = $"lets web-tier group {group.LogicalId} send {rule.DescribeTraffic()} to {rule.DescribePeer()}";
        if (rule.IsTcp && rule.IsSinglePort && rule.FromPort == 443)
        {
            return null;
        }

        switch (rule.PeerKind)
        {
            case PeerKind.Group when tiers.TierOf(rule.PeerGroupId).HasFlag(GroupTier.Application):
                if (!(rule.IsTcp && rule.IsSinglePort))
                {
                    return TierPatterns.WrongPort(rule, $"{what}; the web tier reaches the application on its application port only");
                }

                var ports = tiers.ApplicationPorts(rule.PeerGroupId!);
                return TierPatterns.PortIn(rule, ports, $"{what}; the application listens on {ports.Describe()}");
            case PeerKind.Group:
                return new Verdict(rule.Peer, $"{what}, which is not an application-tier group; {EgressPattern}", true);
            case PeerKind.OutsideGroup or PeerKind.Unknown:
                return TierPatterns.UncheckablePeer(rule, $"lets web-tier group {group.LogicalId} send {rule.DescribeTraffic()} to");
            default:
                return TierPatterns.WrongPort(rule, $"{what}; {EgressPattern}");
        }
    }
}
