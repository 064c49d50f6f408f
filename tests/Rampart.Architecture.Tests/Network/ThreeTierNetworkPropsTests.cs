using Rampart.Architecture.Network;

namespace Rampart.Architecture.Tests.Network;

/// <summary>Bad props fail before any construct is built, with one line naming the field.</summary>
public sealed class ThreeTierNetworkPropsTests
{
    private static ThreeTierNetworkProps Valid(
        string cidr = "10.0.0.0/16",
        IReadOnlyList<string>? zones = null,
        int applicationPort = 8080,
        int databasePort = 5432,
        string application = "webapp") => new()
        {
            Application = application,
            EnvironmentName = "dev",
            VpcCidr = cidr,
            AvailabilityZones = zones ?? ["eu-west-1a", "eu-west-1b"],
            ApplicationPort = applicationPort,
            DatabasePort = databasePort,
        };

    [Fact]
    public void Valid_props_pass()
    {
        Valid().Validate();
        // The smallest blocks that fit the tiers as the CDK lays them out: 2 zones in a /20, 3 in a /19.
        Valid(cidr: "10.0.0.0/20").Validate();
        Valid(cidr: "10.0.0.0/19", zones: ["a", "b", "c"]).Validate();
    }

    [Theory]
    [InlineData("10.0.0.0/16", 1, "AvailabilityZones: 1 zone(s) given")]
    [InlineData("10.0.0.0/21", 2, "VpcCidr: 10.0.0.0/21 holds 2048 addresses but 2 zones")]
    [InlineData("10.0.0.0/20", 3, "VpcCidr: 10.0.0.0/20 holds 4096 addresses but 3 zones")]
    [InlineData("10.0.0.1/16", 2, "VpcCidr: '10.0.0.1/16' is not an IPv4 CIDR block")]
    [InlineData("10.0.0.0/8", 2, "VpcCidr: /8 is not accepted; AWS takes /16 to /28")]
    [InlineData("fd00::/56", 2, "VpcCidr: 'fd00::/56' is not an IPv4 CIDR block")]
    public void NET_01_bad_network_shape_is_refused_with_one_line(string cidr, int zoneCount, string expected)
    {
        var zones = Enumerable.Range(0, zoneCount).Select(i => $"zone-{i}").ToList();
        var error = Assert.Throws<ArgumentException>(() => Valid(cidr: cidr, zones: zones).Validate());
        Assert.Contains($"ThreeTierNetworkProps.{expected}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NET_01_repeated_zones_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(zones: ["eu-west-1a", "eu-west-1a"]).Validate());
        Assert.Equal("ThreeTierNetworkProps.AvailabilityZones: 2 zone(s) given, 1 distinct; give at least two distinct zones.", error.Message);
    }

    [Theory]
    [InlineData(0, 5432, "ApplicationPort: 0 is not a TCP port")]
    [InlineData(8080, 70000, "DatabasePort: 70000 is not a TCP port")]
    public void Ports_outside_tcp_range_are_refused(int applicationPort, int databasePort, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(applicationPort: applicationPort, databasePort: databasePort).Validate());
        Assert.StartsWith($"ThreeTierNetworkProps.{expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_06_names_that_cannot_make_an_alias_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(application: "Web App").Validate());
        Assert.StartsWith("ThreeTierNetworkProps.Application: 'Web App' is not accepted", error.Message, StringComparison.Ordinal);
    }
}
