using System.Net;
using Rampart.Architecture.Network;

namespace Rampart.Architecture.Tests.Network;

/// <summary>NET-01 to NET-03: tiers, public addresses, routes.</summary>
public abstract class SubnetTierTests(SynthesizedArchitecture architecture)
{
    private static readonly (string Tier, string Type, int Mask)[] Tiers =
    [
        (ThreeTierNetwork.PublicTierName, "Public", 24),
        (ThreeTierNetwork.ApplicationTierName, "Private", 22),
        (ThreeTierNetwork.DatabaseTierName, "Isolated", 24),
    ];

    private readonly NetworkTemplate _network = new(architecture);

    [Fact]
    public void NET_01_vpc_uses_the_configured_cidr_block()
    {
        Assert.Equal(_network.VpcCidr, _network.Properties(_network.VpcId)["CidrBlock"]!.GetValue<string>());
    }

    [Fact]
    public void NET_01_each_tier_has_one_subnet_in_every_configured_zone()
    {
        var zones = _network.Environment.AvailabilityZones.Order(StringComparer.Ordinal).ToList();
        Assert.True(zones.Count >= 2);
        foreach (var (tier, _, _) in Tiers)
        {
            var subnetZones = _network.Subnets(tier).Select(s => s.Properties["AvailabilityZone"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(zones, subnetZones);
        }

        Assert.Equal(Tiers.Length * zones.Count, _network.View.OfType("AWS::EC2::Subnet").Count);
    }

    [Fact]
    public void NET_01_tiers_are_public_private_and_isolated_and_sized_inside_the_vpc()
    {
        var vpc = IPNetwork.Parse(_network.VpcCidr);
        var blocks = new List<IPNetwork>();
        foreach (var (tier, type, mask) in Tiers)
        {
            foreach (var (logicalId, properties) in _network.Subnets(tier))
            {
                Assert.Equal(type, NetworkTemplate.Tag(_network.View.Resource(logicalId), "aws-cdk:subnet-type"));
                Assert.Equal(_network.VpcId, NetworkTemplate.Ref(properties["VpcId"]));
                var block = IPNetwork.Parse(properties["CidrBlock"]!.GetValue<string>());
                Assert.Equal(mask, block.PrefixLength);
                Assert.True(vpc.Contains(block.BaseAddress), $"{block} is outside {vpc}");
                blocks.Add(block);
            }
        }

        // No two subnets overlap.
        foreach (var block in blocks)
        {
            Assert.Single(blocks, other => other.Contains(block.BaseAddress));
        }
    }

    [Fact]
    public void NET_02_no_subnet_maps_public_ips_on_launch()
    {
        var subnets = _network.View.PropertiesOf("AWS::EC2::Subnet");
        Assert.NotEmpty(subnets);
        Assert.All(subnets, s => Assert.False(s["MapPublicIpOnLaunch"]!.GetValue<bool>()));
    }

    [Fact]
    public void NET_02_elastic_ips_belong_to_nat_gateways_only()
    {
        var natAllocations = _network.View.PropertiesOf("AWS::EC2::NatGateway")
            .Select(n => NetworkTemplate.GetAtt(n["AllocationId"]))
            .ToHashSet();
        var eips = _network.View.OfType("AWS::EC2::EIP");
        Assert.Equal(_network.Environment.AvailabilityZones.Count, eips.Count);
        Assert.All(eips, eip => Assert.Contains($"{eip.LogicalId}.AllocationId", natAllocations));

        var publicSubnets = _network.Subnets(ThreeTierNetwork.PublicTierName).Select(s => s.LogicalId).ToHashSet();
        Assert.All(_network.View.PropertiesOf("AWS::EC2::NatGateway"), n => Assert.Contains(NetworkTemplate.Ref(n["SubnetId"])!, publicSubnets));
    }

    [Fact]
    public void NET_03_database_route_tables_have_no_route_at_all()
    {
        var tables = _network.RouteTables(ThreeTierNetwork.DatabaseTierName);
        Assert.Equal(_network.Environment.AvailabilityZones.Count, tables.Count);
        Assert.All(tables, table => Assert.Empty(_network.Routes(table)));

        // Nor a gateway endpoint route (S3): the isolated tier gets no path out.
        var endpointTables = _network.View.PropertiesOf("AWS::EC2::VPCEndpoint")
            .SelectMany(e => NetworkTemplate.List(e["RouteTableIds"]))
            .Select(NetworkTemplate.Ref)
            .ToHashSet();
        Assert.All(tables, table => Assert.DoesNotContain(table, endpointTables));
    }

    [Fact]
    public void NET_03_application_route_tables_leave_through_a_nat_gateway_never_the_internet_gateway()
    {
        var tables = _network.RouteTables(ThreeTierNetwork.ApplicationTierName);
        Assert.Equal(_network.Environment.AvailabilityZones.Count, tables.Count);
        var natGateways = _network.View.OfType("AWS::EC2::NatGateway").Select(n => n.LogicalId).ToHashSet();
        foreach (var table in tables)
        {
            var route = Assert.Single(_network.Routes(table));
            Assert.Equal("0.0.0.0/0", route["DestinationCidrBlock"]!.GetValue<string>());
            Assert.Null(route["GatewayId"]);
            Assert.Contains(NetworkTemplate.Ref(route["NatGatewayId"])!, natGateways);
        }
    }

    [Fact]
    public void NET_03_only_public_route_tables_reach_the_internet_gateway()
    {
        var internetGateway = Assert.Single(_network.View.OfType("AWS::EC2::InternetGateway")).LogicalId;
        var publicTables = _network.RouteTables(ThreeTierNetwork.PublicTierName).ToHashSet();
        var toInternet = _network.View.PropertiesOf("AWS::EC2::Route").Where(r => NetworkTemplate.Ref(r["GatewayId"]) == internetGateway).ToList();
        Assert.Equal(publicTables.Count, toInternet.Count);
        Assert.All(toInternet, r => Assert.Contains(NetworkTemplate.Ref(r["RouteTableId"])!, publicTables));
    }
}

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DefaultSubnetTierTests(DefaultArchitecture architecture) : SubnetTierTests(architecture);

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ThreeZoneSubnetTierTests(ThreeZoneFixture fixture) : SubnetTierTests(fixture.Architecture), IClassFixture<ThreeZoneFixture>;
