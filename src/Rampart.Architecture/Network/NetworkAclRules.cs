namespace Rampart.Architecture.Network;

/// <summary>One allow entry of a tier's network ACL: TCP, a port range, a CIDR block.</summary>
/// <param name="Number">The rule number: 100, 110, 120 ... in the order the seed lists the rules.</param>
/// <param name="Egress">True for outbound, false for inbound.</param>
/// <param name="FromPort">First port of the range.</param>
/// <param name="ToPort">Last port of the range.</param>
/// <param name="Cidr">The source (inbound) or destination (outbound).</param>
/// <param name="Reason">Why the rule is there; a departure from the seed says so.</param>
public sealed record NetworkAclRule(int Number, bool Egress, int FromPort, int ToPort, string Cidr, string Reason);

/// <summary>
/// The seed's network ACL patterns ("Network ACLs (Stateless Firewall) - AWS Recommended Patterns")
/// with its placeholders filled in, and the smallest departures that keep the system working and
/// within NET-10. Each departure is explained here and in <c>docs/network.md</c>.
/// </summary>
/// <remarks>
/// <para>The seed's "DENY ALL (rule 32767)" is not written: AWS keeps that place for the implicit
/// rule <c>*</c>, which denies whatever no numbered rule allows (custom entries take 1 to 32766).</para>
/// <para>Inbound ephemeral ranges from anywhere skip port 3389: 1024-65535 contains RDP, and NET-10
/// (FSBP EC2.21, CIS 5.1) forbids admitting 3389 from 0.0.0.0/0. The seed's one rule becomes two
/// consecutive rules, 1024-3388 and 3390-65535.</para>
/// <para>DNS needs no rule: network ACLs do not filter traffic to the VPC resolver (AmazonProvidedDNS).</para>
/// </remarks>
public static class NetworkAclRules
{
    /// <summary>Anywhere (IPv4).</summary>
    public const string AnyIpv4 = "0.0.0.0/0";

    /// <summary>The ephemeral port range the seed uses for return traffic.</summary>
    public const int EphemeralFrom = 1024;

    /// <inheritdoc cref="EphemeralFrom"/>
    public const int EphemeralTo = 65535;

    /// <summary>Remote Desktop: never admitted from anywhere (NET-10).</summary>
    public const int RemoteDesktopPort = 3389;

    /// <summary>Public subnets (DMZ): load balancers and NAT gateways.</summary>
    public static IReadOnlyList<NetworkAclRule> Public(string vpcCidr, int applicationPort) =>
    [
        new(100, false, 80, 80, AnyIpv4, "HTTP from anywhere (seed)"),
        new(110, false, 443, 443, AnyIpv4, "HTTPS from anywhere (seed)"),
        // Departure: the seed admits ephemeral ports from the VPC only, which drops the replies to
        // every connection made out of the VPC: the application tier's HTTPS through the NAT
        // gateways (AWS APIs without an endpoint, external services) and the load balancer's own
        // HTTPS calls. Those replies come from internet addresses, so the source must be anywhere.
        // The web tier's security groups still admit only 80/443 from CloudFront, and a NAT
        // gateway accepts no connection it did not open.
        new(120, false, EphemeralFrom, RemoteDesktopPort - 1, AnyIpv4, "Ephemeral ports below 3389 from anywhere: replies through the NAT gateways (seed: from the VPC)"),
        new(130, false, RemoteDesktopPort + 1, EphemeralTo, AnyIpv4, "Ephemeral ports above 3389 from anywhere: replies through the NAT gateways (seed: from the VPC)"),
        new(100, true, applicationPort, applicationPort, vpcCidr, "Application port to the VPC (seed)"),
        new(110, true, 443, 443, AnyIpv4, "HTTPS to anywhere (seed)"),
        new(120, true, EphemeralFrom, EphemeralTo, AnyIpv4, "Ephemeral ports to anywhere: replies to clients (seed)"),
    ];

    /// <summary>Private application subnets: containers and the interface VPC endpoints.</summary>
    public static IReadOnlyList<NetworkAclRule> Application(string vpcCidr, int applicationPort, int databasePort) =>
    [
        new(100, false, applicationPort, applicationPort, vpcCidr, "Application port from the VPC (seed)"),
        new(110, false, EphemeralFrom, RemoteDesktopPort - 1, AnyIpv4, "Ephemeral ports below 3389 from anywhere: return traffic (seed, split around 3389)"),
        new(120, false, RemoteDesktopPort + 1, EphemeralTo, AnyIpv4, "Ephemeral ports above 3389 from anywhere: return traffic (seed, split around 3389)"),
        // Addition: the interface endpoints live in these subnets and answer on 443. A task that
        // calls an endpoint's interface in another zone's subnet crosses this ACL inbound on 443,
        // which the seed's rules drop. The source is the VPC only.
        new(130, false, 443, 443, vpcCidr, "HTTPS from the VPC: the interface VPC endpoints in these subnets (not in the seed)"),
        new(100, true, databasePort, databasePort, vpcCidr, "Database port to the VPC (seed)"),
        new(110, true, 443, 443, AnyIpv4, "HTTPS to anywhere: AWS APIs and external services (seed)"),
        new(120, true, EphemeralFrom, EphemeralTo, vpcCidr, "Ephemeral ports to the VPC: replies to the load balancers and endpoint clients (seed)"),
    ];

    /// <summary>Isolated database subnets.</summary>
    public static IReadOnlyList<NetworkAclRule> Database(string vpcCidr, int databasePort) =>
    [
        new(100, false, databasePort, databasePort, vpcCidr, "Database port from the VPC (seed)"),
        new(100, true, EphemeralFrom, EphemeralTo, vpcCidr, "Ephemeral ports to the VPC: replies to the application tier (seed)"),
    ];
}
