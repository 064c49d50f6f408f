using Rampart.Architecture.Network;

namespace Rampart.Architecture.Tests.Network;

/// <summary>NET-11: VPC endpoints for the AWS services the containers call.</summary>
public abstract class VpcEndpointTests(SynthesizedArchitecture architecture)
{
    private readonly NetworkTemplate _network = new(architecture);

    [Fact]
    public void NET_11_interface_endpoints_cover_the_seed_services_and_xray()
    {
        var expected = new[] { "secretsmanager", "ssm", "ecr.api", "ecr.dkr", "logs", "monitoring", "xray" }
            .Select(service => $"com.amazonaws.{_network.Region}.{service}")
            .Order(StringComparer.Ordinal);
        var actual = _network.View.PropertiesOf("AWS::EC2::VPCEndpoint")
            .Where(e => e["VpcEndpointType"]!.GetValue<string>() == "Interface")
            .Select(e => NetworkTemplate.Text(e["ServiceName"]))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NET_11_interface_endpoints_resolve_privately_in_the_application_subnets_behind_their_group()
    {
        var applicationSubnets = _network.Subnets(ThreeTierNetwork.ApplicationTierName).Select(s => s.LogicalId).Order(StringComparer.Ordinal).ToList();
        var group = _network.SecurityGroupId("EndpointsSecurityGroup");
        var endpoints = _network.View.PropertiesOf("AWS::EC2::VPCEndpoint").Where(e => e["VpcEndpointType"]!.GetValue<string>() == "Interface").ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            Assert.True(endpoint["PrivateDnsEnabled"]!.GetValue<bool>());
            Assert.Equal(_network.VpcId, NetworkTemplate.Ref(endpoint["VpcId"]));
            Assert.Equal(applicationSubnets, NetworkTemplate.List(endpoint["SubnetIds"]).Select(NetworkTemplate.Ref).Order(StringComparer.Ordinal));
            Assert.Equal([$"{group}.GroupId"], NetworkTemplate.List(endpoint["SecurityGroupIds"]).Select(NetworkTemplate.GetAtt));
        }
    }

    [Fact]
    public void NET_11_s3_gateway_endpoint_serves_the_application_route_tables_only()
    {
        var gateway = Assert.Single(_network.View.PropertiesOf("AWS::EC2::VPCEndpoint"), e => e["VpcEndpointType"]!.GetValue<string>() == "Gateway");
        Assert.EndsWith(".s3", NetworkTemplate.Text(gateway["ServiceName"]), StringComparison.Ordinal);
        Assert.Equal(
            _network.RouteTables(ThreeTierNetwork.ApplicationTierName).Order(StringComparer.Ordinal),
            NetworkTemplate.List(gateway["RouteTableIds"]).Select(NetworkTemplate.Ref).Order(StringComparer.Ordinal));
    }
}

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DefaultVpcEndpointTests(DefaultArchitecture architecture) : VpcEndpointTests(architecture);

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ThreeZoneVpcEndpointTests(ThreeZoneFixture fixture) : VpcEndpointTests(fixture.Architecture), IClassFixture<ThreeZoneFixture>;
