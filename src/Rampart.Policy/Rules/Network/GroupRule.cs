using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>Inbound or outbound.</summary>
public enum Direction
{
    Ingress,
    Egress,
}

/// <summary>What the other end of a security group rule is.</summary>
public enum PeerKind
{
    /// <summary>An IPv4 or IPv6 CIDR block (<c>CidrIp</c>, <c>CidrIpv6</c>).</summary>
    Cidr,

    /// <summary>A managed prefix list (<c>SourcePrefixListId</c>, <c>DestinationPrefixListId</c>).</summary>
    PrefixList,

    /// <summary>A security group of the same template.</summary>
    Group,

    /// <summary>A security group the template does not define (an ID, an import, a parameter).</summary>
    OutsideGroup,

    /// <summary>A source or destination that cannot be resolved (a parameter without default, an import).</summary>
    Unknown,
}

/// <summary>
/// One alternative of one security group rule, inline (<c>SecurityGroupIngress</c> / <c>SecurityGroupEgress</c>
/// items) or standalone (<c>AWS::EC2::SecurityGroupIngress</c> / <c>Egress</c>), with its values resolved and
/// the places to point at when it is wrong.
/// </summary>
public sealed record GroupRule
{
    /// <summary>The resource the rule is written in: the group itself, or the standalone rule resource.</summary>
    public required ResourceContext Owner { get; init; }

    /// <summary>The logical ID of the group the rule belongs to; null when the group is outside the template.</summary>
    public required string? GroupId { get; init; }

    public required Direction Direction { get; init; }

    /// <summary><c>all</c>, <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, another number as written, or null when unknown.</summary>
    public required string? Protocol { get; init; }

    /// <summary>First port (TCP/UDP); 0 for all traffic.</summary>
    public required int FromPort { get; init; }

    /// <summary>Last port (TCP/UDP); 65535 for all traffic.</summary>
    public required int ToPort { get; init; }

    /// <summary>False when the protocol or a port is a value the template cannot tell.</summary>
    public required bool PortsKnown { get; init; }

    /// <summary>Where a port problem is pointed at: <c>FromPort</c>, or <c>IpProtocol</c> when it has no ports.</summary>
    public required Resolved PortValue { get; init; }

    /// <summary>The peer's value (<c>CidrIp</c>, <c>SourceSecurityGroupId</c>, ...), where a peer problem is pointed at.</summary>
    public required Resolved Peer { get; init; }

    public required PeerKind PeerKind { get; init; }

    /// <summary>The CIDR or prefix list ID as written, when known.</summary>
    public string? PeerText { get; init; }

    /// <summary>For <see cref="PeerKind.Group"/>: the peer group's logical ID.</summary>
    public string? PeerGroupId { get; init; }

    /// <summary>The conditions under which this alternative of the rule exists.</summary>
    public required Guard Guard { get; init; }

    public bool IsTcp => Protocol == "tcp";

    /// <summary>One known TCP or UDP port (From = To).</summary>
    public bool IsSinglePort => PortsKnown && Protocol is "tcp" or "udp" && FromPort == ToPort;

    public bool IsAllTraffic => Protocol == "all";

    /// <summary>The peer is 0.0.0.0/0 or ::/0.</summary>
    public bool IsToAnywhere => PeerKind == PeerKind.Cidr && Cidrs.IsAnywhere(PeerText);

    /// <summary>
    /// The CDK's "no egress" placeholder (<c>icmp 252-86 to 255.255.255.255/32</c>): it matches no packet and
    /// only stops AWS from adding its default allow-all egress rule.
    /// </summary>
    public bool IsNoTrafficPlaceholder =>
        Direction == Direction.Egress && Protocol == "icmp" && FromPort == 252 && ToPort == 86 && PeerText == "255.255.255.255/32";

    /// <summary>"TCP port 443", "UDP ports 1024-65535", "all traffic", "ICMP", "unresolved ports".</summary>
    public string DescribeTraffic() => Protocol switch
    {
        "all" => "all traffic",
        "icmp" or "icmpv6" => Protocol.ToUpperInvariant(),
        null => "traffic on ports that cannot be resolved",
        _ when !PortsKnown => $"{Protocol.ToUpperInvariant()} on ports that cannot be resolved",
        _ => $"{Protocol.ToUpperInvariant()} {SecurityGroups.DescribePorts(FromPort, ToPort)}",
    };

    /// <summary>"0.0.0.0/0", "prefix list pl-123", "security group AppSg", "security group sg-0a1 (outside this template)".</summary>
    public string DescribePeer() => PeerKind switch
    {
        PeerKind.Cidr => PeerText ?? Resources.Name(Peer),
        PeerKind.PrefixList => $"prefix list {PeerText ?? Resources.Name(Peer)}",
        PeerKind.Group => $"security group {PeerGroupId}",
        PeerKind.OutsideGroup => Peer.IsUnknown ? $"a security group that cannot be resolved ({Peer.UnknownReason})" : $"security group {Resources.Name(Peer)} (outside this template)",
        _ => Resources.Name(Peer),
    };

    /// <summary>A short stable narrowing for suppressions: "ingress tcp 443", "egress all".</summary>
    public string Key => Protocol switch
    {
        "all" => $"{DirectionWord} all",
        "tcp" or "udp" when PortsKnown => FromPort == ToPort ? $"{DirectionWord} {Protocol} {FromPort}" : $"{DirectionWord} {Protocol} {FromPort}-{ToPort}",
        _ => $"{DirectionWord} {Protocol ?? "unknown"}",
    };

    private string DirectionWord => Direction == Direction.Ingress ? "ingress" : "egress";
}
