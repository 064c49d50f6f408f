using System.Text.Json.Nodes;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Stacks;
using Rampart.Architecture.Tests.Identity;
using Rampart.Architecture.Tests.Network;
using Rampart.Architecture.Tests.Proof;

namespace Rampart.Architecture.Tests.Edge;

/// <summary>
/// Several environments in one configuration (item 5): a stage per environment in its own account and
/// region, the edge of each in us-east-1, the audit stack shared; synthesized without credentials.
/// </summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class EnvironmentStageTests(ThreeEnvironmentArchitecture architecture) : IClassFixture<ThreeEnvironmentArchitecture>
{
    private RampartConfiguration Configuration => architecture.Configuration;

    [Fact]
    public void Each_environment_is_a_stage_with_its_workload_and_edge_stacks_and_nothing_else()
    {
        Assert.Equal(3, architecture.NestedManifests.Count);
        foreach (var environment in Configuration.Environments)
        {
            var stage = architecture.NestedManifests[$"assembly-{ArchitectureApp.StageName(Configuration, environment)}"];
            var stacks = stage["artifacts"]!.AsObject()
                .Select(a => (string?)a.Value!["properties"]?["stackName"])
                .OfType<string>()
                .Order(StringComparer.Ordinal);

            Assert.Equal(
                [$"Webapp-{environment.Name}-edge", $"Webapp-{environment.Name}-workload"],
                stacks);
        }
    }

    [Fact]
    public void Stacks_deploy_to_their_environments_account_and_region_and_the_edge_to_us_east_1()
    {
        Assert.Equal("aws://111111111111/eu-west-1", architecture.StackEnvironments["Webapp-dev-workload"]);
        Assert.Equal("aws://111111111111/us-east-1", architecture.StackEnvironments["Webapp-dev-edge"]);
        Assert.Equal("aws://111111111111/us-east-1", architecture.StackEnvironments["Webapp-staging-workload"]);
        Assert.Equal("aws://111111111111/us-east-1", architecture.StackEnvironments["Webapp-staging-edge"]);
        Assert.Equal("aws://333333333333/eu-central-1", architecture.StackEnvironments["Webapp-prod-workload"]);
        Assert.Equal("aws://333333333333/us-east-1", architecture.StackEnvironments["Webapp-prod-edge"]);
        Assert.Equal("aws://999999999999/eu-west-1", architecture.StackEnvironments["Webapp-audit"]);
        Assert.Equal(7, architecture.Templates.Count);
    }

    [Fact]
    public void The_audit_stack_is_shared_outside_the_stages()
    {
        // A top-level stack's artifact ID is its name.
        var topLevel = architecture.Manifest["artifacts"]!.AsObject()
            .Where(a => (string?)a.Value!["type"] == "aws:cloudformation:stack")
            .Select(a => (string?)a.Value!["properties"]?["stackName"] ?? a.Key);

        Assert.Equal(["Webapp-audit"], topLevel);
        Assert.All(Configuration.Environments, e =>
            Assert.Contains(architecture.Manifest["artifacts"]!.AsObject(), a => (string?)a.Value!["type"] == "cdk:cloud-assembly"
                && (string?)a.Value!["properties"]?["directoryName"] == $"assembly-{ArchitectureApp.StageName(Configuration, e)}"));
    }

    [Fact]
    public void Synthesis_needs_no_credentials_no_lookup_in_any_stage()
    {
        Assert.Null(architecture.Manifest["missing"]);
        Assert.All(architecture.NestedManifests.Values, m => Assert.Null(m["missing"]));
    }

    [Fact]
    public void Each_edge_stack_reads_its_own_environments_origin_in_that_environments_region()
    {
        foreach (var environment in Configuration.Environments)
        {
            var edge = architecture.Edge(environment.Name);
            var reads = edge.OfType("Custom::CrossRegionParameter").Select(r => JsonNode.Parse((string)r.Resource["Properties"]!["Create"]!)!).ToList();

            Assert.Equal(2, reads.Count);
            Assert.All(reads, call =>
            {
                Assert.Equal(environment.Region, (string?)call["region"]);
                Assert.StartsWith($"/webapp/{environment.Name}/edge/", (string?)call["parameters"]!["Name"], StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void DATA_06_no_two_stacks_create_the_same_named_resource_in_one_account_and_region()
    {
        // Dev's and staging's edge stacks and staging's workload all land in account 111111111111, us-east-1.
        var named = new (string Type, string Property)[]
        {
            ("AWS::KMS::Alias", "AliasName"),
            ("AWS::Logs::LogGroup", "LogGroupName"),
            ("AWS::WAFv2::WebACL", "Name"),
            ("AWS::SSM::Parameter", "Name"),
            ("AWS::Logs::ResourcePolicy", "PolicyName"),
            ("AWS::Logs::DeliverySource", "Name"),
            ("AWS::Logs::DeliveryDestination", "Name"),
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name"),
            ("AWS::ECS::Cluster", "ClusterName"),
            ("AWS::ServiceDiscovery::PrivateDnsNamespace", "Name"),
        };
        var names = architecture.Templates
            .SelectMany(t => named.SelectMany(n => new TemplateView(t.Value).PropertiesOf(n.Type)
                .Select(p => p[n.Property])
                .OfType<JsonValue>()
                .Select(v => $"{architecture.StackEnvironments[t.Key]} {n.Type} {(string)v!}")))
            .ToList();

        Assert.Contains(names, n => n.EndsWith("alias/webapp/staging/edge-logs", StringComparison.Ordinal));
        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Environments_in_one_account_and_region_may_use_different_zones()
    {
        // Found by synthesizing random valid configurations: the shared zone lookup held only one environment's zones.
        var configuration = Configuration with
        {
            Environments =
            [
                Configuration.Environments[0] with { AvailabilityZones = ["eu-west-1a", "eu-west-1b"] },
                Configuration.Environments[0] with { Name = "staging", AvailabilityZones = ["eu-west-1b", "eu-west-1c"], VpcCidr = "10.1.0.0/16" },
            ],
        };

        var app = ArchitectureApp.Create(configuration, Path.Combine(Path.GetTempPath(), "rampart-tests", Guid.NewGuid().ToString("N")));

        var environment = configuration.Environments[0];
        Assert.Equal(
            ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            ((object[])app.Node.TryGetContext($"availability-zones:account={environment.Account}:region={environment.Region}")).Cast<string>());
    }

    [Fact]
    public void Production_without_a_domain_fails_with_one_line_naming_the_field()
    {
        var configuration = Configuration with { DomainName = null };

        var error = Assert.Throws<ArgumentException>(() => ArchitectureApp.Create(configuration, Path.Combine(Path.GetTempPath(), "rampart-tests", Guid.NewGuid().ToString("N"))));

        Assert.StartsWith("domainName: not set, but environment 'prod' publishes the application", error.Message, StringComparison.Ordinal);
        Assert.Contains("accepted: a domain name", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}

/// <summary>Without a domain (outside production) the application runs but is not published.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class NoDomainTests(NoDomainArchitecture architecture) : IClassFixture<NoDomainArchitecture>
{
    [Fact]
    public void NET_15_without_a_domain_nothing_is_published_rather_than_published_weakly()
    {
        var workload = architecture.Workload();

        Assert.Equal(["Webapp-dev-workload"], architecture.Templates.Keys);
        Assert.Single(workload.OfType("AWS::ECS::Service"));
        foreach (var type in new[] { "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener", "AWS::WAFv2::WebACL", "AWS::CertificateManager::Certificate" })
        {
            Assert.Empty(workload.OfType(type));
        }

        Assert.Null(workload.Single("AWS::ECS::Service", "ApplicationService") is { } id ? workload.Resource(id)["Properties"]!["LoadBalancers"] : null);
    }

    [Fact]
    public void NET_05_without_a_domain_the_application_tier_admits_nothing_and_the_web_tier_sends_nothing_to_it()
    {
        var network = new NetworkTemplate(architecture);
        var application = network.SecurityGroupId("ApplicationTierSecurityGroup");

        Assert.Empty(network.Rules(application, egress: false));
        Assert.DoesNotContain(network.Rules(network.SecurityGroupId("WebTierSecurityGroup"), egress: true), r => r.Peer.Contains(application, StringComparison.Ordinal));
    }

    [Fact]
    public void The_architecture_without_a_domain_passes_its_own_scan() => OwnScanTests.AssertPassesOwnScan(architecture);
}
