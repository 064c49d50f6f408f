namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-08: no security group of the application or database tier (attached to compute or databases) allows all
/// outbound traffic: no rule of all protocols (<c>IpProtocol: -1</c>) to 0.0.0.0/0 or ::/0, and no group without any
/// egress rule, because EC2 then gives it an allow-all rule (CloudFormation removes that rule when it adds an
/// inline rule or an <c>AWS::EC2::SecurityGroupEgress</c> to the group). The CDK's placeholder
/// (<c>icmp 252-86 to 255.255.255.255/32</c>, written for <c>allowAllOutbound: false</c>) matches no packet and is
/// accepted. An all-protocols rule to a CIDR that cannot be resolved is reported as not proven.
/// </summary>
public sealed class NoAllowAllEgressRule : ITemplateRule
{
    public RuleMetadata Metadata { get; } = new(
        "NET-08",
        "Application and database security groups do not allow all outbound traffic",
        Severity.Medium,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "Give every application and database group an explicit SecurityGroupEgress list with only the traffic it needs (database port to the database group, 443, 53); a database group that needs no egress gets the rule IpProtocol icmp, FromPort 252, ToPort 86, CidrIp 255.255.255.255/32, which matches nothing.",
            Cdk: "Create the groups with allowAllOutbound: false (and allowAllIpv6Outbound: false) and add only the egress rules the tier needs."))
    {
        SeedText = "All external communication through controlled egress rules.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var tiers = SecurityGroupTiers.Of(template);
        var groups = tiers.GroupsIn(GroupTier.Application).Concat(tiers.GroupsIn(GroupTier.Database)).Distinct().ToList();
        return groups.Count == 0 ? null : groups.SelectMany(group => Evaluate(tiers, group)).ToList();
    }

    private static IEnumerable<Violation> Evaluate(SecurityGroupTiers tiers, ResourceContext group)
    {
        var tier = tiers.TierOf(group.LogicalId).HasFlag(GroupTier.Application) ? "application" : "database";
        foreach (var (egress, guard) in tiers.DefaultEgress(group))
        {
            yield return group.Fail(egress, $"has no egress rule (SecurityGroupEgress is {(egress.IsAbsent ? "not set" : "empty")} and no AWS::EC2::SecurityGroupEgress adds one), so AWS gives this {tier}-tier group an allow-all egress rule", "egress default") with { Guard = guard, Proven = true };
        }

        foreach (var rule in tiers.Rules(group.LogicalId, Direction.Egress))
        {
            if (rule.Protocol is null && (rule.IsToAnywhere || rule.PeerKind == PeerKind.Unknown))
            {
                yield return rule.Owner.Unprovable(rule.PortValue, $"lets {tier}-tier group {group.LogicalId} send a protocol that cannot be resolved to {rule.DescribePeer()}: it may be all traffic", rule.Key) with { Guard = rule.Guard };
                continue;
            }

            if (!rule.IsAllTraffic)
            {
                continue;
            }

            if (rule.IsToAnywhere)
            {
                yield return rule.Owner.Fail(rule.Peer, $"lets {tier}-tier group {group.LogicalId} send all traffic to {rule.PeerText}: only the ports the tier needs may leave it", rule.Key) with { Guard = rule.Guard };
            }
            else if (rule.PeerKind == PeerKind.Unknown)
            {
                yield return rule.Owner.Unprovable(rule.Peer, $"lets {tier}-tier group {group.LogicalId} send all traffic to {rule.DescribePeer()}, which may be anywhere", rule.Key) with { Guard = rule.Guard };
            }
        }
    }
}
