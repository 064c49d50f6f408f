using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>One alternative of one <c>AWS::EC2::NetworkAclEntry</c>, resolved.</summary>
public sealed record AclEntry
{
    public required ResourceContext Resource { get; init; }

    /// <summary>The ACL's logical ID; <c>default:Vpc</c> for a VPC's default ACL; null when outside the template.</summary>
    public required string? AclId { get; init; }

    public required bool Egress { get; init; }

    public required bool Allow { get; init; }

    public required long? RuleNumber { get; init; }

    /// <summary><c>all</c>, <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, another number, or null when unknown.</summary>
    public required string? Protocol { get; init; }

    public required int FromPort { get; init; }

    public required int ToPort { get; init; }

    public required bool PortsKnown { get; init; }

    public required Resolved ProtocolValue { get; init; }

    /// <summary><c>PortRange</c> (or the protocol, when it has none): where a port problem is pointed at.</summary>
    public required Resolved PortValue { get; init; }

    public required Resolved Cidr { get; init; }

    public required Guard Guard { get; init; }

    public string? CidrText => Cidr.AsString();

    public bool IsFromAnywhere => Cidrs.IsAnywhere(CidrText);

    public bool Covers(int port) => PortsKnown && (Protocol == "all" || (Protocol is "tcp" or "udp" && FromPort <= port && port <= ToPort));

    public string DescribeTraffic() => Protocol switch
    {
        "all" => "all traffic",
        null => "traffic of a protocol that cannot be resolved",
        "tcp" or "udp" when PortsKnown => $"{Protocol.ToUpperInvariant()} {SecurityGroups.DescribePorts(FromPort, ToPort)}",
        "tcp" or "udp" => $"{Protocol.ToUpperInvariant()} on ports that cannot be resolved",
        _ => Protocol.ToUpperInvariant(),
    };

    public string Direction => Egress ? "to" : "from";

    public string Key => $"{(Egress ? "egress" : "ingress")} {Protocol ?? "unknown"}{(Protocol is "tcp" or "udp" && PortsKnown ? " " + (FromPort == ToPort ? $"{FromPort}" : $"{FromPort}-{ToPort}") : string.Empty)}";
}

/// <summary>The network ACLs of one template: entries per ACL and the ACLs associated with each subnet.</summary>
public sealed class NetworkAcls
{
    private static readonly TemplateIndex<NetworkAcls> PerTemplate = new(template => new NetworkAcls(template));

    public const string AclType = "AWS::EC2::NetworkAcl";
    public const string EntryType = "AWS::EC2::NetworkAclEntry";
    public const string AssociationType = "AWS::EC2::SubnetNetworkAclAssociation";

    private readonly Dictionary<string, List<(ResourceContext Association, Resolved Acl)>> _bySubnet = new(StringComparer.Ordinal);

    private NetworkAcls(TemplateContext template)
    {
        Entries = [.. template.OfType(EntryType).Where(Resources.CanExist).SelectMany(Read)];
        foreach (var association in template.OfType(AssociationType).Where(Resources.CanExist))
        {
            foreach (var subnet in association.Get("SubnetId").Select(v => Resources.Referenced(association, v, Topology.SubnetType)).OfType<ResourceContext>())
            {
                if (!_bySubnet.TryGetValue(subnet.LogicalId, out var list))
                {
                    _bySubnet[subnet.LogicalId] = list = [];
                }

                list.AddRange(association.Get("NetworkAclId").Select(acl => (association, acl)));
            }
        }
    }

    /// <summary>Every alternative of every entry of the template.</summary>
    public IReadOnlyList<AclEntry> Entries { get; }

    public static NetworkAcls Of(TemplateContext template) => PerTemplate.Of(template);

    /// <summary>The associations of a subnet and the ACL value each gives it.</summary>
    public IReadOnlyList<(ResourceContext Association, Resolved Acl)> AssociationsOf(string subnetId) =>
        _bySubnet.GetValueOrDefault(subnetId) ?? [];

    /// <summary>The logical ID of a custom ACL a value refers to, <c>default:Vpc</c> for a default ACL, or null.</summary>
    public static string? AclIdOf(ResourceContext from, Resolved value)
    {
        if (from.Follow(value) is not { } target)
        {
            return null;
        }

        return target.Type == AclType ? target.LogicalId
            : target.Type == Topology.VpcType && value.ReferencedAttribute == "DefaultNetworkAcl" ? "default:" + target.LogicalId
            : null;
    }

    private static IEnumerable<AclEntry> Read(ResourceContext entry)
    {
        var aclId = entry.Get("NetworkAclId").Select(v => AclIdOf(entry, v)).FirstOrDefault(id => id is not null);
        var egress = entry.Get("Egress").Any(v => v.AsBoolean() == true);
        var allow = entry.Get("RuleAction").Any(v => !string.Equals(v.AsString(), "deny", StringComparison.OrdinalIgnoreCase));
        var number = entry.Get("RuleNumber").Select(v => v.AsInteger()).FirstOrDefault();
        var cidrs = entry.Get("CidrBlock").Concat(entry.Get("Ipv6CidrBlock")).Where(v => !v.IsAbsent).ToList();
        foreach (var protocol in entry.Get("Protocol"))
        {
            foreach (var from in entry.Get("PortRange.From"))
            {
                foreach (var to in entry.Get("PortRange.To"))
                {
                    if (protocol.Guard.And(from.Guard)?.And(to.Guard) is not { } portGuard)
                    {
                        continue;
                    }

                    var name = protocol.AsString() switch
                    {
                        "-1" or "all" => "all",
                        "6" or "tcp" => "tcp",
                        "17" or "udp" => "udp",
                        "1" or "icmp" => "icmp",
                        "58" or "icmpv6" => "icmpv6",
                        null => null,
                        var other => other,
                    };
                    var allPorts = name is "all" || (from.IsAbsent && to.IsAbsent);
                    var known = name is not null && (allPorts || (from.AsInteger() is not null && to.AsInteger() is not null));
                    var (fromPort, toPort) = allPorts || !known ? (0, 65535) : ((int)from.AsInteger()!.Value, (int)to.AsInteger()!.Value);
                    var portValue = entry.Get("PortRange").FirstOrDefault(v => !v.IsAbsent) ?? protocol;
                    foreach (var cidr in cidrs)
                    {
                        if (portGuard.And(cidr.Guard) is not { } guard)
                        {
                            continue;
                        }

                        yield return new AclEntry
                        {
                            Resource = entry,
                            AclId = aclId,
                            Egress = egress,
                            Allow = allow,
                            RuleNumber = number,
                            Protocol = name,
                            FromPort = fromPort,
                            ToPort = toPort,
                            PortsKnown = known,
                            ProtocolValue = protocol,
                            PortValue = portValue,
                            Cidr = cidr,
                            Guard = guard,
                        };
                    }
                }
            }
        }
    }
}
