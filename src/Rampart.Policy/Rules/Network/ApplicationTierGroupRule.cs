namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-05: the application tier's security groups (attached to ECS services, instances, launch templates and
/// configurations, Lambda functions in a VPC) admit only the application port from web-tier groups, and send
/// only the database port to database-tier groups, HTTPS (443) and DNS (53, TCP or UDP). The application port is
/// the container port the group's ECS services register with their load balancer; when the template does not
/// tell it, any single TCP port from the web tier passes. The database port is the databases' <c>Port</c> or
/// their engine's default (see <see cref="SecurityGroupTiers"/>). A group without any egress rule keeps AWS's
/// allow-all egress and fails; compute without a security group of its own (the VPC's default group) fails.
/// Not applicable to a template without application-tier groups or compute.
/// </summary>
public sealed class ApplicationTierGroupRule : ITemplateRule
{
    private const string IngressPattern = "the application tier admits its application port from the web tier's group only";
    private const string EgressPattern = "the application tier sends only the database port to the database tier, HTTPS (443) and DNS (53)";

    public RuleMetadata Metadata { get; } = new(
        "NET-05",
        "Application-tier security groups admit only the application port from the web tier and send only to the database, 443 and 53",
        Severity.High,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "On the services' group: one AWS::EC2::SecurityGroupIngress of the application port with SourceSecurityGroupId of the load balancer's group, no other ingress; SecurityGroupEgress only tcp 443 and tcp/udp 53, plus an AWS::EC2::SecurityGroupEgress of the database port to the database group (DestinationSecurityGroupId).",
            Cdk: "new SecurityGroup(..., { allowAllOutbound: false }); appGroup.connections.allowFrom(webGroup, Port.tcp(applicationPort)); appGroup.connections.allowTo(dbGroup, Port.tcp(databasePort)); appGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443)); DNS with Port.tcp(53)/Port.udp(53)."))
    {
        SeedText = "Application Tier Security Group Pattern. Ingress: <applicationPort> from Web Tier Security Group only; deny all other inbound traffic. Egress: <databasePort> to Database Tier Security Group; HTTPS (port 443) to internet for AWS APIs and external services; DNS (port 53) for name resolution.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var tiers = SecurityGroupTiers.Of(template);
        var applies = tiers.GroupsIn(GroupTier.Application).Any()
            || tiers.OutsideGroups.Concat(tiers.WithoutGroup).Any(a => a.Tier == GroupTier.Application);
        if (!applies)
        {
            return null;
        }

        return TierPatterns.Check(tiers, GroupTier.Application, Direction.Ingress, (group, rule) => Ingress(tiers, group, rule))
            .Concat(TierPatterns.Check(tiers, GroupTier.Application, Direction.Egress, (group, rule) => Egress(tiers, group, rule)))
            .Concat(TierPatterns.DefaultEgress(tiers, GroupTier.Application, EgressPattern))
            .Concat(TierPatterns.Attachments(tiers, GroupTier.Application, "application"))
            .ToList();
    }

    private static Verdict? Ingress(SecurityGroupTiers tiers, ResourceContext group, GroupRule rule)
    {
        var what = $"admits {rule.DescribeTraffic()} from {rule.DescribePeer()} into application-tier group {group.LogicalId}";
        switch (rule.PeerKind)
        {
            case PeerKind.Group when tiers.TierOf(rule.PeerGroupId).HasFlag(GroupTier.Web):
                if (!(rule.IsTcp && rule.IsSinglePort))
                {
                    return TierPatterns.WrongPort(rule, $"{what}; the web tier may reach the application on its application port only");
                }

                var ports = tiers.ContainerPorts(group.LogicalId);
                return TierPatterns.PortIn(rule, ports, $"{what}; the application listens on {ports.Describe()} (the container port its service registers with the load balancer)");
            case PeerKind.OutsideGroup or PeerKind.Unknown:
                return TierPatterns.UncheckablePeer(rule, $"admits {rule.DescribeTraffic()} into application-tier group {group.LogicalId} from");
            default:
                return new Verdict(rule.Peer, $"{what}; {IngressPattern}", true);
        }
    }

    private static Verdict? Egress(SecurityGroupTiers tiers, ResourceContext group, GroupRule rule)
    {
        var what = $"lets application-tier group {group.LogicalId} send {rule.DescribeTraffic()} to {rule.DescribePeer()}";
        if ((rule.IsTcp && rule.IsSinglePort && rule.FromPort == 443) || (rule.IsSinglePort && rule.FromPort == 53))
        {
            return null;
        }

        switch (rule.PeerKind)
        {
            case PeerKind.Group when tiers.TierOf(rule.PeerGroupId).HasFlag(GroupTier.Database):
                if (!(rule.IsTcp && rule.IsSinglePort))
                {
                    return TierPatterns.WrongPort(rule, $"{what}; the application reaches the database on the database port only");
                }

                var ports = tiers.DatabasePorts(rule.PeerGroupId!);
                return TierPatterns.PortIn(rule, ports, $"{what}; the database listens on {ports.Describe()}");
            case PeerKind.Group:
                return new Verdict(rule.Peer, $"{what}, which is not a database-tier group; {EgressPattern}", true);
            case PeerKind.OutsideGroup or PeerKind.Unknown:
                return TierPatterns.UncheckablePeer(rule, $"lets application-tier group {group.LogicalId} send {rule.DescribeTraffic()} to");
            default:
                return TierPatterns.WrongPort(rule, $"{what}; {EgressPattern}");
        }
    }
}
