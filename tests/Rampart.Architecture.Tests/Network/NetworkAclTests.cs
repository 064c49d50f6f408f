using Rampart.Architecture.Network;

namespace Rampart.Architecture.Tests.Network;

/// <summary>
/// NET-10: one ACL per tier with exactly the seed's numbered rules (and the documented departures,
/// docs/network.md), written out here by hand from the seed rather than from the construct's table.
/// </summary>
public abstract class NetworkAclTests(SynthesizedArchitecture architecture)
{
    private const string Anywhere = "0.0.0.0/0";

    private readonly NetworkTemplate _network = new(architecture);

    private string Vpc => _network.VpcCidr;

    private int ApplicationPort => _network.Configuration.ApplicationPort;

    private int DatabasePort => _network.Configuration.DatabasePort;

    private string Acl(string tier) => _network.LogicalId("AWS::EC2::NetworkAcl", $"Network{tier}Acl");

    private IReadOnlyList<string> Entries(string tier) => NetworkTemplate.Sorted(_network.AclEntries(Acl(tier)));

    private static AclEntry In(int number, int from, int to, string cidr) => new(number, false, "tcp", from, to, cidr, "allow");

    private static AclEntry Out(int number, int from, int to, string cidr) => new(number, true, "tcp", from, to, cidr, "allow");

    [Fact]
    public void NET_10_public_acl_has_the_seed_rules_and_admits_nat_replies_from_anywhere()
    {
        Assert.Equal(
            NetworkTemplate.Sorted(
            [
                In(100, 80, 80, Anywhere),
                In(110, 443, 443, Anywhere),
                // Departure: the seed says from the VPC; NAT and load balancer replies come from the
                // internet. Split around 3389, which NET-10 never admits from anywhere.
                In(120, 1024, 3388, Anywhere),
                In(130, 3390, 65535, Anywhere),
                Out(100, ApplicationPort, ApplicationPort, Vpc),
                Out(110, 443, 443, Anywhere),
                Out(120, 1024, 65535, Anywhere),
            ]),
            Entries(ThreeTierNetwork.PublicTierName));
    }

    [Fact]
    public void NET_10_application_acl_has_the_seed_rules_and_admits_https_to_its_endpoints()
    {
        Assert.Equal(
            NetworkTemplate.Sorted(
            [
                In(100, ApplicationPort, ApplicationPort, Vpc),
                // The seed's ephemeral range from anywhere, split around 3389 (NET-10).
                In(110, 1024, 3388, Anywhere),
                In(120, 3390, 65535, Anywhere),
                // Addition: the interface endpoints in these subnets answer on 443, from the VPC only.
                In(130, 443, 443, Vpc),
                Out(100, DatabasePort, DatabasePort, Vpc),
                Out(110, 443, 443, Anywhere),
                Out(120, 1024, 65535, Vpc),
            ]),
            Entries(ThreeTierNetwork.ApplicationTierName));
    }

    [Fact]
    public void NET_10_database_acl_has_the_seed_rules()
    {
        Assert.Equal(
            NetworkTemplate.Sorted([In(100, DatabasePort, DatabasePort, Vpc), Out(100, 1024, 65535, Vpc)]),
            Entries(ThreeTierNetwork.DatabaseTierName));
    }

    [Fact]
    public void NET_10_each_tier_has_its_own_acl_on_every_one_of_its_subnets()
    {
        var associations = _network.View.PropertiesOf("AWS::EC2::SubnetNetworkAclAssociation")
            .Select(a => (Subnet: NetworkTemplate.Ref(a["SubnetId"])!, Acl: NetworkTemplate.Ref(a["NetworkAclId"])!))
            .ToList();
        var acls = new HashSet<string>();
        foreach (var tier in new[] { ThreeTierNetwork.PublicTierName, ThreeTierNetwork.ApplicationTierName, ThreeTierNetwork.DatabaseTierName })
        {
            var acl = Acl(tier);
            Assert.True(acls.Add(acl));
            Assert.Equal(_network.VpcId, NetworkTemplate.Ref(_network.Properties(acl)["VpcId"]));
            foreach (var (subnet, _) in _network.Subnets(tier))
            {
                Assert.Equal(acl, Assert.Single(associations, a => a.Subnet == subnet).Acl);
            }
        }

        Assert.Equal(3, _network.View.OfType("AWS::EC2::NetworkAcl").Count);
    }

    [Fact]
    public void NET_10_deny_all_is_the_implicit_last_rule_and_numbers_follow_the_seed()
    {
        // AWS's rule "*" (the seed's 32767) denies whatever no numbered rule allows; custom
        // entries take 1 to 32766, so the seed's DENY ALL cannot and need not be written.
        foreach (var tier in new[] { ThreeTierNetwork.PublicTierName, ThreeTierNetwork.ApplicationTierName, ThreeTierNetwork.DatabaseTierName })
        {
            foreach (var direction in _network.AclEntries(Acl(tier)).GroupBy(e => e.Egress))
            {
                var numbers = direction.Select(e => e.Number).Order().ToList();
                Assert.Equal(Enumerable.Range(0, numbers.Count).Select(i => 100 + (10 * i)), numbers);
                Assert.All(direction, e => Assert.Equal("allow", e.Action));
            }
        }
    }

    [Fact]
    public void NET_10_no_acl_admits_ssh_or_rdp_from_anywhere()
    {
        var entries = _network.View.OfType("AWS::EC2::NetworkAcl")
            .SelectMany(acl => _network.AclEntries(acl.LogicalId))
            .Concat(_network.AclEntries($"{_network.VpcId}.DefaultNetworkAcl"))
            .ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries.Where(e => !e.Egress && e.Action == "allow" && e.Cidr == Anywhere))
        {
            // The seed's ephemeral range 1024-65535 contains 3389: it must be split around it.
            var coversAdministration = entry.Protocol == "all" || new[] { 22, 3389 }.Any(port => entry.FromPort <= port && port <= entry.ToPort);
            Assert.False(coversAdministration, $"ACL entry admits remote administration from anywhere: {entry}");
        }
    }

    [Fact]
    public void NET_10_default_acl_denies_all_traffic_first()
    {
        Assert.Equal(
            NetworkTemplate.Sorted(
            [
                new AclEntry(1, false, "all", -1, -1, Anywhere, "deny"),
                new AclEntry(1, true, "all", -1, -1, Anywhere, "deny"),
            ]),
            NetworkTemplate.Sorted(_network.AclEntries($"{_network.VpcId}.DefaultNetworkAcl")));
    }
}

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DefaultNetworkAclTests(DefaultArchitecture architecture) : NetworkAclTests(architecture);

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ThreeZoneNetworkAclTests(ThreeZoneFixture fixture) : NetworkAclTests(fixture.Architecture), IClassFixture<ThreeZoneFixture>;
