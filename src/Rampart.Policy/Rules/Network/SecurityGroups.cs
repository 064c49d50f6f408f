using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>Reading security group rules, shared by the NET rules: inline rules and standalone rule resources alike.</summary>
public static class SecurityGroups
{
    public const string GroupType = "AWS::EC2::SecurityGroup";
    public const string IngressType = "AWS::EC2::SecurityGroupIngress";
    public const string EgressType = "AWS::EC2::SecurityGroupEgress";

    private static readonly string[] LoadBalancerTypes = [LoadBalancers.V2Type, LoadBalancers.ClassicType];

    private static readonly string[] IngressPeers = ["CidrIp", "CidrIpv6", "SourcePrefixListId", "SourceSecurityGroupId", "SourceSecurityGroupName"];

    private static readonly string[] EgressPeers = ["CidrIp", "CidrIpv6", "DestinationPrefixListId", "DestinationSecurityGroupId"];

    /// <summary>The ingress rules of a group (its inline list) or of a standalone ingress resource (its properties).</summary>
    public static IEnumerable<Resolved> IngressRules(ResourceContext resource) =>
        resource.Type == GroupType ? resource.Get("SecurityGroupIngress[*]") : resource.Properties.Where(p => !p.IsAbsent);

    /// <summary>The egress rules of a group (its inline list) or of a standalone egress resource.</summary>
    public static IEnumerable<Resolved> EgressRules(ResourceContext resource) =>
        resource.Type == GroupType ? resource.Get("SecurityGroupEgress[*]") : resource.Properties.Where(p => !p.IsAbsent);

    /// <summary>
    /// The group a rule belongs to: the group itself, or the group a standalone rule's <c>GroupId</c> refers to
    /// (null when it is outside the template).
    /// </summary>
    public static ResourceContext? OwningGroup(ResourceContext resource)
    {
        if (resource.Type == GroupType)
        {
            return resource;
        }

        var groupId = resource.Get("GroupId").FirstOrDefault(v => v.Kind == ValueKind.ResourceReference);
        return groupId is null ? null : resource.Follow(groupId);
    }

    /// <summary>
    /// The rule's sources that are the whole internet (0.0.0.0/0, ::/0), and unknown CIDRs (which may be).
    /// </summary>
    public static IEnumerable<Resolved> PublicSources(ResourceContext resource, Resolved rule)
    {
        foreach (var cidr in resource.Get(rule, "CidrIp").Concat(resource.Get(rule, "CidrIpv6")))
        {
            if (cidr.IsUnknown || cidr.AsString() is "0.0.0.0/0" or "::/0")
            {
                yield return cidr;
            }
        }
    }

    /// <summary>
    /// The port range of a rule: (0, 65535) for all protocols or all ports; null when it cannot be resolved.
    /// </summary>
    public static (int From, int To)? Ports(ResourceContext resource, Resolved rule)
    {
        var protocol = resource.Get(rule, "IpProtocol").First();
        var protocolText = protocol.AsString();
        if (protocolText is "-1" or "all")
        {
            return (0, 65535);
        }

        if (protocol.IsUnknown)
        {
            return null;
        }

        var from = resource.Get(rule, "FromPort").First();
        var to = resource.Get(rule, "ToPort").First();
        if (from.IsAbsent && to.IsAbsent)
        {
            return (0, 65535);
        }

        if (from.AsInteger() is not { } fromPort || to.AsInteger() is not { } toPort)
        {
            return null;
        }

        // ICMP rules use the port fields for type/code; -1 means all.
        return fromPort == -1 || toPort == -1 ? (0, 65535) : ((int)fromPort, (int)toPort);
    }

    public static bool Covers(int from, int to, int port) => from <= port && port <= to;

    /// <summary>Only 80, only 443, or 80-443 written as two rules: ranges wider than one web port are not web ports.</summary>
    public static bool IsWebPort(int from, int to) => from == to && from is 80 or 443;

    public static string DescribePorts(int from, int to) =>
        from == 0 && to == 65535 ? "all ports" : from == to ? $"port {from}" : $"ports {from}-{to}";

    /// <summary>True when the rule's group is attached to an internet-facing load balancer of the same template.</summary>
    public static bool BelongsToPublicLoadBalancer(ResourceContext resource)
    {
        if (OwningGroup(resource) is not { } group)
        {
            return false;
        }

        foreach (var type in LoadBalancerTypes)
        {
            foreach (var balancer in resource.Template.OfType(type))
            {
                var scheme = balancer.GetOne("Scheme").AsString();
                if (scheme == "internal")
                {
                    continue;
                }

                if (balancer.Get("SecurityGroups[*]").Any(g => g.ReferencedLogicalId == group.LogicalId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Every alternative of one rule (an inline list item, or a standalone rule's <c>Properties</c>), with its
    /// protocol, ports and peer resolved. Alternatives whose conditions contradict each other are dropped.
    /// </summary>
    public static IEnumerable<GroupRule> Read(ResourceContext owner, Resolved item, Direction direction, string? groupId)
    {
        var peerFields = direction == Direction.Ingress ? IngressPeers : EgressPeers;
        // Loops, not LINQ: every rule of every group comes through here when the tiers are indexed.
        var peers = new List<(string Field, Resolved Value)>(1);
        foreach (var field in peerFields)
        {
            foreach (var value in owner.Get(item, field))
            {
                if (!value.IsAbsent && value.Kind != ValueKind.Null)
                {
                    peers.Add((field, value));
                }
            }
        }

        foreach (var protocol in owner.Get(item, "IpProtocol"))
        {
            foreach (var from in owner.Get(item, "FromPort"))
            {
                foreach (var to in owner.Get(item, "ToPort"))
                {
                    if (protocol.Guard.And(from.Guard)?.And(to.Guard) is not { } portGuard)
                    {
                        continue;
                    }

                    var (name, fromPort, toPort, known) = Traffic(protocol, from, to);
                    var portValue = from.IsAbsent ? protocol : from;
                    foreach (var (field, peer) in peers)
                    {
                        if (portGuard.And(peer.Guard) is not { } guard)
                        {
                            continue;
                        }

                        yield return Peer(owner, field, peer) with
                        {
                            Owner = owner,
                            GroupId = groupId,
                            Direction = direction,
                            Protocol = name,
                            FromPort = fromPort,
                            ToPort = toPort,
                            PortsKnown = known,
                            PortValue = portValue,
                            Guard = guard,
                        };
                    }
                }
            }
        }
    }

    /// <summary>Protocol name and port range of one alternative; ICMP keeps its type/code in the port fields.</summary>
    private static (string? Name, int From, int To, bool Known) Traffic(Resolved protocol, Resolved from, Resolved to)
    {
        var name = protocol.AsString()?.ToLowerInvariant() switch
        {
            "-1" or "all" => "all",
            "tcp" or "6" => "tcp",
            "udp" or "17" => "udp",
            "icmp" or "1" => "icmp",
            "icmpv6" or "58" => "icmpv6",
            null => null,
            var other => other,
        };

        if (name is null)
        {
            return (null, 0, 65535, false);
        }

        if (name == "all")
        {
            return (name, 0, 65535, true);
        }

        if (from.IsAbsent && to.IsAbsent)
        {
            return (name, 0, 65535, true);
        }

        if (from.AsInteger() is not { } fromPort || to.AsInteger() is not { } toPort)
        {
            return (name, 0, 65535, false);
        }

        if (name is "tcp" or "udp" && (fromPort == -1 || toPort == -1))
        {
            return (name, 0, 65535, true);
        }

        return (name, (int)fromPort, (int)toPort, true);
    }

    private static GroupRule Peer(ResourceContext owner, string field, Resolved peer)
    {
        var kind = field switch
        {
            "CidrIp" or "CidrIpv6" => PeerKind.Cidr,
            "SourcePrefixListId" or "DestinationPrefixListId" => PeerKind.PrefixList,
            _ => Resources.Referenced(owner, peer, GroupType) is not null ? PeerKind.Group : PeerKind.OutsideGroup,
        };

        if (peer.IsUnknown && kind == PeerKind.Cidr)
        {
            kind = PeerKind.Unknown;
        }

        return new GroupRule
        {
            Owner = owner,
            GroupId = null,
            Direction = Direction.Ingress,
            Protocol = null,
            FromPort = 0,
            ToPort = 0,
            PortsKnown = false,
            PortValue = peer,
            Guard = peer.Guard,
            Peer = peer,
            PeerKind = kind,
            PeerText = peer.AsString(),
            PeerGroupId = kind == PeerKind.Group ? peer.ReferencedLogicalId : null,
        };
    }
}
