namespace Rampart.Architecture.Configuration;

/// <summary>The subnet tiers of the seed's three-tier network, in the order they are carved from the VPC.</summary>
public enum SubnetTier
{
    Public,
    Application,
    Database,
}

/// <summary>One subnet of the plan.</summary>
public sealed record PlannedSubnet(SubnetTier Tier, int ZoneIndex, Ipv4Block Block);

/// <summary>
/// How the three-tier network carves its VPC, so that validation can tell before synthesis whether a
/// <c>vpcCidr</c> is big enough. Per availability zone the network takes a /24 public subnet
/// (load balancers), a /22 application subnet (Fargate tasks: 1,019 usable addresses) and a /24
/// database subnet. The CDK allocates tier by tier, zone by zone, each subnet aligned to its own size,
/// so a /22 may leave a gap after the public /24s; <see cref="Plan"/> reproduces that allocation
/// exactly, and a test holds the synthesized subnets to it.
/// </summary>
public static class VpcSizing
{
    public const int PublicSubnetPrefix = 24;
    public const int ApplicationSubnetPrefix = 22;
    public const int DatabaseSubnetPrefix = 24;

    /// <summary>AWS accepts VPC blocks from /16 (65,536 addresses) to /28 (16).</summary>
    public const int LargestVpcPrefix = 16;
    public const int SmallestVpcPrefix = 28;

    private static readonly (SubnetTier Tier, int Prefix)[] Tiers =
    [
        (SubnetTier.Public, PublicSubnetPrefix),
        (SubnetTier.Application, ApplicationSubnetPrefix),
        (SubnetTier.Database, DatabaseSubnetPrefix),
    ];

    /// <summary>The subnets the network creates in <paramref name="vpc"/> for <paramref name="zoneCount"/> zones, or null when they do not fit.</summary>
    public static IReadOnlyList<PlannedSubnet>? Plan(Ipv4Block vpc, int zoneCount)
    {
        var subnets = new List<PlannedSubnet>();
        long next = vpc.Address;
        foreach (var (tier, prefix) in Tiers)
        {
            var size = 1L << (32 - prefix);
            for (var zone = 0; zone < zoneCount; zone++)
            {
                next = (next + size - 1) / size * size;
                if (next + size > vpc.End)
                {
                    return null;
                }

                subnets.Add(new PlannedSubnet(tier, zone, new Ipv4Block((uint)next, prefix)));
                next += size;
            }
        }

        return subnets;
    }

    /// <summary>The longest VPC prefix (smallest block) that holds the three tiers in <paramref name="zoneCount"/> zones: /20 for 2 zones, /19 for 3 or 4.</summary>
    public static int RequiredPrefix(int zoneCount)
    {
        for (var prefix = SmallestVpcPrefix; prefix >= 0; prefix--)
        {
            if (Plan(new Ipv4Block(0, prefix), zoneCount) is not null)
            {
                return prefix;
            }
        }

        return 0;
    }
}
