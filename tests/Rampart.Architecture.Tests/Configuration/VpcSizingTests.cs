using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Configuration;

public sealed class VpcSizingTests
{
    [Theory]
    [InlineData(2, 20)]
    [InlineData(3, 19)]
    [InlineData(4, 19)]
    [InlineData(6, 18)]
    public void NET_01_required_vpc_size_follows_the_aligned_subnet_plan(int zones, int prefix)
    {
        Assert.Equal(prefix, VpcSizing.RequiredPrefix(zones));
    }

    [Fact]
    public void NET_01_the_plan_aligns_each_application_subnet_to_its_size()
    {
        Assert.True(Ipv4Block.TryParse("10.0.0.0/20", out var vpc));
        var plan = VpcSizing.Plan(vpc, 2)!;
        Assert.Equal(
            ["10.0.0.0/24", "10.0.1.0/24", "10.0.4.0/22", "10.0.8.0/22", "10.0.12.0/24", "10.0.13.0/24"],
            plan.Select(s => s.Block.ToString()));
        Assert.Null(VpcSizing.Plan(new Ipv4Block(vpc.Address, 21), 2));
    }
}

/// <summary>The sizing rule is only honest if the network really carves the VPC that way.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class VpcSizingAgainstSynthesisTests(DefaultArchitecture architecture)
{
    [Fact]
    public void NET_01_synthesized_subnets_are_the_planned_subnets()
    {
        var environment = architecture.Configuration.Environments[0];
        Assert.True(Ipv4Block.TryParse(environment.VpcCidr, out var vpc));
        var planned = VpcSizing.Plan(vpc, environment.AvailabilityZones.Count)!.Select(s => s.Block.ToString()).Order(StringComparer.Ordinal);

        var synthesized = architecture.Workload().PropertiesOf("AWS::EC2::Subnet")
            .Select(p => (string)p["CidrBlock"]!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(planned, synthesized);
    }
}
