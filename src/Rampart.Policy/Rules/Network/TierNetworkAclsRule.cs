using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-10: each tier's subnets use a network ACL of their own (never the VPC's default ACL, which allows all
/// traffic, and never one ACL shared by two tiers), and no ACL allows more than the seed's patterns:
/// <list type="bullet">
/// <item>every ACL: no inbound allow of 22 (SSH) or 3389 (RDP) from 0.0.0.0/0 or ::/0, unless a lower-numbered
/// deny of that port from anywhere comes first (FSBP EC2.21, CIS 5.1; a range such as 1024-65535 contains 3389);
/// no allow of all protocols from or to anywhere;</item>
/// <item>an ACL of one tier: every allow entry is TCP and inside one of the tier's entries below, where "VPC" is
/// the VPC's CIDR block (or <c>!GetAtt Vpc.CidrBlock</c>) and the application and database ports are those of
/// <see cref="SecurityGroupTiers"/> (any single port when the template does not tell them).</item>
/// </list>
/// Public: in 80 and 443 from anywhere, 1024-65535 from the VPC; out the application port to the VPC, 443 and
/// 1024-65535 to anywhere. Application: in the application port from the VPC, 1024-65535 from anywhere; out the
/// database port to the VPC, 443 to anywhere, 1024-65535 to the VPC. Database: in the database port from the VPC;
/// out 1024-65535 to the VPC. Two departures are accepted because the seed's rules break working traffic:
/// ephemeral ports from anywhere into the public tier (the replies to connections made through the NAT gateways
/// come from internet addresses) and 443 from the VPC into the application tier (the interface VPC endpoints
/// live there). Deny entries only narrow and are always accepted.
/// Not applicable to a template without subnets or network ACL entries.
/// </summary>
public sealed class TierNetworkAclsRule : ITemplateRule
{
    private const int EphemeralFrom = 1024;
    private const int EphemeralTo = 65535;

    private static readonly Dictionary<SubnetTier, AclPattern[]> Patterns = new()
    {
        [SubnetTier.Public] =
        [
            new(false, AclPorts.Fixed, 80, 80, false, "80 from anywhere"),
            new(false, AclPorts.Fixed, 443, 443, false, "443 from anywhere"),
            new(false, AclPorts.Fixed, EphemeralFrom, EphemeralTo, false, "1024-65535 from anywhere (replies through NAT; the seed says from the VPC)"),
            new(true, AclPorts.Application, 0, 0, true, "the application port to the VPC"),
            new(true, AclPorts.Fixed, 443, 443, false, "443 to anywhere"),
            new(true, AclPorts.Fixed, EphemeralFrom, EphemeralTo, false, "1024-65535 to anywhere"),
        ],
        [SubnetTier.Application] =
        [
            new(false, AclPorts.Application, 0, 0, true, "the application port from the VPC"),
            new(false, AclPorts.Fixed, EphemeralFrom, EphemeralTo, false, "1024-65535 from anywhere"),
            new(false, AclPorts.Fixed, 443, 443, true, "443 from the VPC (interface endpoints)"),
            new(true, AclPorts.Database, 0, 0, true, "the database port to the VPC"),
            new(true, AclPorts.Fixed, 443, 443, false, "443 to anywhere"),
            new(true, AclPorts.Fixed, EphemeralFrom, EphemeralTo, true, "1024-65535 to the VPC"),
        ],
        [SubnetTier.Database] =
        [
            new(false, AclPorts.Database, 0, 0, true, "the database port from the VPC"),
            new(true, AclPorts.Fixed, EphemeralFrom, EphemeralTo, true, "1024-65535 to the VPC"),
        ],
    };

    public RuleMetadata Metadata { get; } = new(
        "NET-10",
        "Each tier has its own network ACL with the seed's rules and nothing broader; no ACL admits SSH/RDP from the internet",
        Severity.Medium,
        SeedSection.Network,
        [FrameworkReference.Fsbp("EC2.21"), FrameworkReference.Cis("5.1")],
        new Remediation(
            CloudFormation: "Create one AWS::EC2::NetworkAcl per tier, associate every subnet with its tier's ACL (AWS::EC2::SubnetNetworkAclAssociation), and write AWS::EC2::NetworkAclEntry allows only for the seed's TCP ports and sources; split ephemeral ranges from 0.0.0.0/0 around 3389 (1024-3388, 3390-65535) or deny 22/3389 from 0.0.0.0/0 with a lower rule number.",
            Cdk: "new NetworkAcl(this, 'DatabaseAcl', { vpc, subnetSelection: { subnetType: PRIVATE_ISOLATED } }) per tier, with acl.addEntry(..., { cidr: AclCidr.ipv4(vpcCidr), traffic: AclTraffic.tcpPort(port), ruleAction: Action.ALLOW }) for the seed's rules only."))
    {
        SeedText = "Network ACLs (Stateless Firewall): Public, Private and Database Subnet NACL patterns, each ending in DENY ALL (rule 32767).",
    };

    private enum AclPorts
    {
        Fixed,
        Application,
        Database,
    }

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var topology = Topology.Of(template);
        var acls = NetworkAcls.Of(template);
        var subnets = topology.Subnets.ToList();
        if (subnets.Count == 0 && acls.Entries.Count == 0)
        {
            return null;
        }

        var tiers = SecurityGroupTiers.Of(template);
        var context = new Ports(tiers.AllApplicationPorts(), tiers.AllDatabasePorts());
        var aclTiers = new Dictionary<string, List<Subnet>>(StringComparer.Ordinal);
        var violations = new List<Violation>();
        foreach (var subnet in subnets)
        {
            var associations = acls.AssociationsOf(subnet.LogicalId);
            var custom = new List<Guard>();
            foreach (var (association, acl) in associations)
            {
                // The default ACL is no ACL of the subnet's own; an ACL outside the template (an ID, an import) is.
                var aclId = NetworkAcls.AclIdOf(association, acl);
                if (acl.IsAbsent || aclId?.StartsWith("default:", StringComparison.Ordinal) == true)
                {
                    continue;
                }

                custom.Add(acl.Guard);
                if (aclId is not null)
                {
                    if (!aclTiers.TryGetValue(aclId, out var members))
                    {
                        aclTiers[aclId] = members = [];
                    }

                    members.Add(subnet);
                }
            }

            foreach (var guard in Scenarios.WhenMissing(subnet.Resource.Guard, custom))
            {
                violations.Add(subnet.Resource.Fail($"has no network ACL of its own: the {Topology.Describe(subnet.Tier)} subnet uses the VPC's default ACL, which allows all traffic in and out", "default-acl") with { Guard = guard });
            }
        }

        foreach (var (aclId, members) in aclTiers)
        {
            var byTier = members.Where(m => m.Tier != SubnetTier.Unknown).GroupBy(m => m.Tier).ToList();
            if (byTier.Count > 1 && template.Find(aclId) is { } acl)
            {
                var shared = string.Join(" and ", byTier.Select(g => $"{Topology.Describe(g.Key)} ({string.Join(", ", g.Select(s => s.LogicalId))})"));
                violations.Add(acl.Fail($"is shared by the {shared} tiers; each tier needs its own network ACL with its own rules", "shared"));
            }
        }

        foreach (var entry in acls.Entries.Where(e => e.Allow))
        {
            var tier = entry.AclId is not null && aclTiers.TryGetValue(entry.AclId, out var members)
                && members.Select(m => m.Tier).Where(t => t != SubnetTier.Unknown).Distinct().ToList() is [var only] ? only : (SubnetTier?)null;
            var vpcCidr = VpcCidr(template, entry);
            if (Judge(entry, acls.Entries, tier, vpcCidr, context) is { } verdict)
            {
                violations.Add(entry.Resource.Fail(verdict.At, verdict.Reason, entry.Key) with { Guard = entry.Guard, Proven = verdict.Proven });
            }
        }

        return violations;
    }

    private static Verdict? Judge(AclEntry entry, IReadOnlyList<AclEntry> all, SubnetTier? tier, Resolved? vpcCidr, Ports ports)
    {
        var traffic = $"allows {entry.DescribeTraffic()} {entry.Direction} {(entry.Cidr.IsUnknown ? Resources.Name(entry.Cidr) : entry.Cidr.Describe())}";
        if (!entry.Egress && entry.Cidr.IsUnknown && (entry.Protocol is null || entry.Covers(22) || entry.Covers(3389)))
        {
            return new Verdict(entry.Cidr, $"{traffic}: if that is the internet, it admits SSH/RDP", false);
        }

        if (!entry.Egress && entry.IsFromAnywhere)
        {
            foreach (var (port, name) in new[] { (22, "SSH"), (3389, "RDP") })
            {
                if ((entry.Covers(port) || entry.Protocol is null || !entry.PortsKnown) && !DeniedFirst(entry, all, port))
                {
                    var proven = entry.PortsKnown && entry.RuleNumber is not null;
                    return new Verdict(entry.Cidr, $"{traffic}, which includes port {port} ({name}): network ACLs must not admit remote administration from the internet", proven);
                }
            }
        }

        if (entry.Protocol == "all" && entry.IsFromAnywhere)
        {
            return new Verdict(entry.ProtocolValue, $"{traffic}: a network ACL allows only the ports its tier needs", true);
        }

        if (tier is not { } known)
        {
            return null;
        }

        var patterns = Patterns[known].Where(p => p.Egress == entry.Egress).ToList();
        var expected = $"the seed's {Topology.Describe(known)} ACL allows {(entry.Egress ? "out" : "in")} only TCP {string.Join(", ", patterns.Select(p => p.Text))}";
        if (entry.Protocol != "tcp")
        {
            return new Verdict(entry.ProtocolValue, $"{traffic}; {expected}", entry.Protocol is not null);
        }

        if (!entry.PortsKnown)
        {
            return new Verdict(entry.PortValue, $"{traffic}; {expected}", false);
        }

        var portMatches = patterns.Select(p => (Pattern: p, Ports: PortsWithin(entry, p, ports))).Where(m => m.Ports != false).ToList();
        if (portMatches.Count == 0)
        {
            return new Verdict(entry.PortValue, $"{traffic}; {expected}", true);
        }

        var matches = portMatches.Select(m => And(m.Ports, CidrWithin(entry, m.Pattern, vpcCidr))).ToList();
        if (matches.Any(m => m == true))
        {
            return null;
        }

        return matches.Any(m => m is null)
            ? new Verdict(entry.Cidr, $"{traffic}; {expected} (a port or CIDR cannot be resolved)", false)
            : new Verdict(entry.Cidr, $"{traffic}; {expected}", true);
    }

    /// <summary>Three-valued AND: false wins, then unknown.</summary>
    private static bool? And(bool? left, bool? right) => left == false || right == false ? false : left == true && right == true ? true : null;

    /// <summary>True when a deny entry with a lower rule number stops <paramref name="port"/> from anywhere first.</summary>
    private static bool DeniedFirst(AclEntry entry, IReadOnlyList<AclEntry> all, int port) =>
        entry.RuleNumber is { } number && entry.AclId is not null && all.Any(other =>
            !other.Allow && other.AclId == entry.AclId && other.Egress == entry.Egress && other.IsFromAnywhere
            && other.RuleNumber < number && other.Covers(port) && other.Guard.IsAlways);

    private static bool? PortsWithin(AclEntry entry, AclPattern pattern, Ports ports)
    {
        if (pattern.Ports == AclPorts.Fixed)
        {
            return pattern.From <= entry.FromPort && entry.ToPort <= pattern.To;
        }

        if (entry.FromPort != entry.ToPort)
        {
            return false;
        }

        return (pattern.Ports == AclPorts.Application ? ports.Application : ports.Database).Allows(entry.FromPort);
    }

    private static bool? CidrWithin(AclEntry entry, AclPattern pattern, Resolved? vpcCidr)
    {
        if (!pattern.FromVpc)
        {
            return true;
        }

        if (entry.Cidr.Kind == ValueKind.ResourceReference)
        {
            // !GetAtt Vpc.CidrBlock is the VPC's block; any other attribute cannot be told.
            return entry.Cidr.ReferencedAttribute == "CidrBlock" && entry.Resource.Follow(entry.Cidr)?.Type == Topology.VpcType ? true : null;
        }

        if (entry.IsFromAnywhere)
        {
            return false;
        }

        return entry.CidrText is null || vpcCidr?.AsString() is not { } vpc ? null : Cidrs.Within(entry.CidrText, vpc);
    }

    /// <summary>The CIDR block of the VPC the entry's ACL belongs to, when the template defines it.</summary>
    private static Resolved? VpcCidr(TemplateContext template, AclEntry entry)
    {
        if (entry.AclId is null)
        {
            return null;
        }

        var vpc = entry.AclId.StartsWith("default:", StringComparison.Ordinal)
            ? template.Find(entry.AclId["default:".Length..])
            : template.Find(entry.AclId) is { } acl ? acl.Get("VpcId").Select(v => Resources.Referenced(acl, v, Topology.VpcType)).FirstOrDefault(r => r is not null) : null;
        return vpc?.GetOne("CidrBlock");
    }

    private sealed record AclPattern(bool Egress, AclPorts Ports, int From, int To, bool FromVpc, string Text);

    private sealed record Ports(PortSet Application, PortSet Database);
}
