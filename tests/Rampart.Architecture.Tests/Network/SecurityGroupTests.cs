using Rampart.Architecture.Network;

namespace Rampart.Architecture.Tests.Network;

/// <summary>NET-04 to NET-09: the three tiers' security groups, the endpoints' group, the default group.</summary>
public abstract class SecurityGroupTests(SynthesizedArchitecture architecture)
{
    private readonly NetworkTemplate _network = new(architecture);

    private string Web => _network.SecurityGroupId("WebTierSecurityGroup");

    private string WebHttp => _network.SecurityGroupId("WebTierHttpSecurityGroup");

    private string Application => _network.SecurityGroupId("ApplicationTierSecurityGroup");

    private string Database => _network.SecurityGroupId("DatabaseTierSecurityGroup");

    private string Endpoints => _network.SecurityGroupId("EndpointsSecurityGroup");

    private string PrefixListLookup => _network.LogicalId(ThreeTierNetwork.CloudFrontPrefixListResourceType, "NetworkCloudFrontPrefixList");

    private int ApplicationPort => _network.Configuration.ApplicationPort;

    private int DatabasePort => _network.Configuration.DatabasePort;

    private IReadOnlyList<string> Ingress(string group) => NetworkTemplate.Sorted(_network.Rules(group, egress: false));

    private IReadOnlyList<string> Egress(string group) => NetworkTemplate.Sorted(_network.Rules(group, egress: true));

    [Fact]
    public void NET_04_web_tier_admits_only_cloudfront_prefix_list_on_80_and_443()
    {
        var cloudFront = $"pl:{PrefixListLookup}.{ThreeTierNetwork.PrefixListIdAttribute}";
        Assert.Equal([$"tcp 443-443 {cloudFront}"], Ingress(Web));
        Assert.Equal([$"tcp 80-80 {cloudFront}"], Ingress(WebHttp));
    }

    [Fact]
    public void NET_04_cloudfront_prefix_list_is_resolved_by_name_at_deployment()
    {
        var lookup = _network.Properties(PrefixListLookup);
        Assert.Equal("com.amazonaws.global.cloudfront.origin-facing", lookup["PrefixListName"]!.GetValue<string>());

        // Its own function (not the stack's shared AwsCustomResource one) filters on that name, and fails rather
        // than picking one when the name does not match exactly one list.
        var handler = NetworkTemplate.GetAtt(lookup["ServiceToken"])!.Split('.')[0];
        var code = _network.Properties(handler)["Code"]!["ZipFile"]!.GetValue<string>();
        Assert.Contains("describe_managed_prefix_lists(", code, StringComparison.Ordinal);
        Assert.Contains("Filters=[{\"Name\": \"prefix-list-name\", \"Values\": [name]}]", code, StringComparison.Ordinal);
        Assert.Contains("if len(found) != 1:", code, StringComparison.Ordinal);
        Assert.Contains("{\"PrefixListId\": prefix_list_id}", code, StringComparison.Ordinal);

        // Never a literal prefix list ID: it differs per region and a synthesis-time lookup needs credentials.
        Assert.DoesNotContain("\"pl-", _network.View.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NET_04_prefix_list_lookup_may_only_describe_prefix_lists_in_its_region()
    {
        var provider = NetworkTemplate.GetAtt(_network.Properties(PrefixListLookup)["ServiceToken"])!.Split('.')[0];
        var role = NetworkTemplate.GetAtt(_network.Properties(provider)["Role"])!.Split('.')[0];
        var describe = Assert.Single(_network.RoleStatements(role), s => !NetworkTemplate.List(s["Action"]).Any(a => a.GetValue<string>().StartsWith("logs:", StringComparison.Ordinal)));
        Assert.Equal("ec2:DescribeManagedPrefixLists", describe["Action"]!.GetValue<string>());
        Assert.Equal("*", describe["Resource"]!.GetValue<string>());
        Assert.Equal(_network.Region, describe["Condition"]!["StringEquals"]!["aws:RequestedRegion"]!.GetValue<string>());
    }

    [Fact]
    public void NET_04_each_web_group_references_the_cloudfront_prefix_list_once()
    {
        // The prefix list weighs 55 rules; a group holds 60 inbound rules by default.
        foreach (var group in new[] { Web, WebHttp })
        {
            Assert.Single(_network.Rules(group, egress: false), r => r.Peer.StartsWith("pl:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NET_04_web_tier_egress_is_application_port_to_application_tier_and_https()
    {
        var toApplication = $"tcp {ApplicationPort}-{ApplicationPort} sg:{Application}.GroupId";
        const string Https = "tcp 443-443 cidr:0.0.0.0/0";
        Assert.Equal(NetworkTemplate.Sorted([toApplication, Https]), Egress(Web));

        // The CDK wires a load balancer to its targets from every group it carries, so the HTTP
        // group may gain the same application-port rule; nothing else.
        Assert.All(Egress(WebHttp), rule => Assert.Contains(rule, new[] { NetworkTemplate.PlaceholderEgress, toApplication, Https }));
    }

    [Fact]
    public void NET_05_application_tier_admits_only_the_application_port_from_the_web_tier()
    {
        var fromWeb = $"tcp {ApplicationPort}-{ApplicationPort} sg:{Web}.GroupId";
        var fromWebHttp = $"tcp {ApplicationPort}-{ApplicationPort} sg:{WebHttp}.GroupId";
        var ingress = Ingress(Application);
        Assert.Contains(fromWeb, ingress);
        Assert.All(ingress, rule => Assert.Contains(rule, new[] { fromWeb, fromWebHttp }));
    }

    [Fact]
    public void NET_05_application_tier_egress_is_database_port_https_and_dns_to_the_vpc_resolver()
    {
        Assert.Equal(
            NetworkTemplate.Sorted(
            [
                $"tcp {DatabasePort}-{DatabasePort} sg:{Database}.GroupId",
                "tcp 443-443 cidr:0.0.0.0/0",
                $"tcp 53-53 cidr:{_network.VpcCidr}",
                $"udp 53-53 cidr:{_network.VpcCidr}",
            ]),
            Egress(Application));
    }

    [Fact]
    public void NET_06_database_tier_admits_only_the_database_port_from_the_application_tier()
    {
        Assert.Equal([$"tcp {DatabasePort}-{DatabasePort} sg:{Application}.GroupId"], Ingress(Database));
    }

    [Fact]
    public void NET_07_no_security_group_admits_the_internet_or_remote_administration()
    {
        var ingress = _network.AllIngress().ToList();
        Assert.NotEmpty(ingress);
        foreach (var (group, rule, _) in ingress)
        {
            Assert.False(rule.Peer is "cidr:0.0.0.0/0" or "cidr6:::/0", $"{group} admits {rule}");
            var coversAdministration = rule.Protocol == "all" || new[] { 22, 3389 }.Any(port => rule.FromPort <= port && port <= rule.ToPort);
            Assert.False(coversAdministration, $"{group} admits {rule}");
        }
    }

    [Fact]
    public void NET_08_application_database_and_endpoint_groups_have_no_allow_all_egress()
    {
        foreach (var group in new[] { Application, Database, Endpoints, Web, WebHttp })
        {
            // A group without egress rules gets AWS's allow-all: every group must list its own.
            Assert.NotNull(_network.Properties(group)["SecurityGroupEgress"]);
            foreach (var rule in _network.Rules(group, egress: true))
            {
                Assert.False(rule.Protocol == "all" || (rule.FromPort <= 1 && rule.ToPort >= 65535), $"{group} allows all outbound: {rule}");
            }
        }

        Assert.Equal([NetworkTemplate.PlaceholderEgress], Egress(Database));
    }

    [Fact]
    public void NET_09_default_security_group_is_emptied_by_the_restrict_custom_resource()
    {
        var restrict = Assert.Single(_network.View.OfType("Custom::VpcRestrictDefaultSG"));
        var properties = restrict.Resource["Properties"]!;
        Assert.Equal($"{_network.VpcId}.DefaultSecurityGroup", NetworkTemplate.GetAtt(properties["DefaultSecurityGroupId"]));

        var handler = NetworkTemplate.GetAtt(properties["ServiceToken"])!.Split('.')[0];
        Assert.Equal("AWS::Lambda::Function", _network.View.Resource(handler)["Type"]!.GetValue<string>());
        var role = NetworkTemplate.GetAtt(_network.Properties(handler)["Role"])!.Split('.')[0];
        var revoke = Assert.Single(_network.RoleStatements(role), s => NetworkTemplate.List(s["Action"]).Any(a => a.GetValue<string>() == "ec2:RevokeSecurityGroupIngress"));
        var resource = NetworkTemplate.Text(Assert.Single(NetworkTemplate.List(revoke["Resource"])));
        Assert.EndsWith($":security-group/${{{_network.VpcId}.DefaultSecurityGroup}}", resource, StringComparison.Ordinal);
    }

    [Fact]
    public void NET_11_endpoint_group_admits_only_https_from_the_vpc_and_lets_nothing_out()
    {
        Assert.Equal([$"tcp 443-443 cidr:{_network.VpcCidr}"], Ingress(Endpoints));
        Assert.Equal([NetworkTemplate.PlaceholderEgress], Egress(Endpoints));
    }
}

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DefaultSecurityGroupTests(DefaultArchitecture architecture) : SecurityGroupTests(architecture);

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ThreeZoneSecurityGroupTests(ThreeZoneFixture fixture) : SecurityGroupTests(fixture.Architecture), IClassFixture<ThreeZoneFixture>;
