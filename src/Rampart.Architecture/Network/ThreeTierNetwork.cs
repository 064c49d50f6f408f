using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Rampart.Architecture.Network;

/// <summary>Inputs of <see cref="ThreeTierNetwork"/>.</summary>
public sealed class ThreeTierNetworkProps
{
    /// <summary>The seed's <c>&lt;vpcCidrBlock&gt;</c>.</summary>
    public required string VpcCidr { get; init; }

    /// <summary>At least two availability zones; every tier has a subnet in each.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>The seed's <c>&lt;applicationPort&gt;</c>.</summary>
    public required int ApplicationPort { get; init; }

    /// <summary>The seed's <c>&lt;databasePort&gt;</c>.</summary>
    public required int DatabasePort { get; init; }
}

/// <summary>
/// The seed's three-tier network: public subnets for load balancers only, private application
/// subnets with no inbound route from the internet, isolated database subnets with no route out.
/// </summary>
public sealed class ThreeTierNetwork : Construct
{
    public const string PublicTierName = "Public";
    public const string ApplicationTierName = "Application";
    public const string DatabaseTierName = "Database";

    public ThreeTierNetwork(Construct scope, string id, ThreeTierNetworkProps props)
        : base(scope, id)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(props.VpcCidr),
            AvailabilityZones = props.AvailabilityZones.ToArray(),
            NatGateways = props.AvailabilityZones.Count,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = PublicTierName, SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = ApplicationTierName, SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                new SubnetConfiguration { Name = DatabaseTierName, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
        });

        WebSecurityGroup = new SecurityGroup(this, "WebTierSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Web tier: load balancers, reachable from CloudFront only",
            AllowAllOutbound = false,
        });
        ApplicationSecurityGroup = new SecurityGroup(this, "ApplicationTierSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Application tier: containers, reachable from the web tier only",
            AllowAllOutbound = false,
        });
        DatabaseSecurityGroup = new SecurityGroup(this, "DatabaseTierSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Database tier: reachable from the application tier only",
            AllowAllOutbound = false,
        });
    }

    public IVpc Vpc { get; }

    public ISecurityGroup WebSecurityGroup { get; }

    public ISecurityGroup ApplicationSecurityGroup { get; }

    public ISecurityGroup DatabaseSecurityGroup { get; }

    public SubnetSelection PublicSubnets => new() { SubnetGroupName = PublicTierName };

    public SubnetSelection ApplicationSubnets => new() { SubnetGroupName = ApplicationTierName };

    public SubnetSelection DatabaseSubnets => new() { SubnetGroupName = DatabaseTierName };
}
