namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-06: the database tier's security groups (attached to RDS instances and clusters) admit only the database
/// port, from application-tier groups; nothing else. The database port is the databases' <c>Port</c>, or their
/// engine's default port; a port given by a parameter without default makes a mismatch unprovable. Outbound
/// rules are not this control's (the seed expects none; NET-08 rejects allow-all egress). A database without a
/// security group of its own (the VPC's default group) fails.
/// Not applicable to a template without database-tier groups or databases.
/// </summary>
public sealed class DatabaseTierGroupRule : ITemplateRule
{
    private const string IngressPattern = "the database tier admits only the database port, from the application tier's group";

    public RuleMetadata Metadata { get; } = new(
        "NET-06",
        "Database security groups admit only the database port from the application tier",
        Severity.High,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "On the database's group: no inline ingress; one AWS::EC2::SecurityGroupIngress with IpProtocol tcp, FromPort/ToPort the database port and SourceSecurityGroupId the application group. Remove CIDR, prefix-list and other groups' rules.",
            Cdk: "dbGroup.connections.allowFrom(appGroup, Port.tcp(databasePort)) (or database.connections.allowDefaultPortFrom(appGroup)) and nothing else; never allowDefaultPortFromAnyIpv4 or Peer.ipv4(...)."))
    {
        SeedText = "Database Tier Security Group Pattern. Ingress: <databasePort> from Application Tier Security Group only; deny all other inbound traffic.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var tiers = SecurityGroupTiers.Of(template);
        var applies = tiers.GroupsIn(GroupTier.Database).Any()
            || tiers.OutsideGroups.Concat(tiers.WithoutGroup).Any(a => a.Tier == GroupTier.Database);
        if (!applies)
        {
            return null;
        }

        return TierPatterns.Check(tiers, GroupTier.Database, Direction.Ingress, (group, rule) => Ingress(tiers, group, rule))
            .Concat(TierPatterns.Attachments(tiers, GroupTier.Database, "database"))
            .ToList();
    }

    private static Verdict? Ingress(SecurityGroupTiers tiers, ResourceContext group, GroupRule rule)
    {
        var what = $"admits {rule.DescribeTraffic()} from {rule.DescribePeer()} into database-tier group {group.LogicalId}";
        switch (rule.PeerKind)
        {
            case PeerKind.Group when tiers.TierOf(rule.PeerGroupId).HasFlag(GroupTier.Application):
                if (!(rule.IsTcp && rule.IsSinglePort))
                {
                    return TierPatterns.WrongPort(rule, $"{what}; {IngressPattern}");
                }

                var ports = tiers.DatabasePorts(group.LogicalId);
                return TierPatterns.PortIn(rule, ports, $"{what}; the database listens on {ports.Describe()}");
            case PeerKind.OutsideGroup or PeerKind.Unknown:
                return TierPatterns.UncheckablePeer(rule, $"admits {rule.DescribeTraffic()} into database-tier group {group.LogicalId} from");
            default:
                return new Verdict(rule.Peer, $"{what}; {IngressPattern}", true);
        }
    }
}
