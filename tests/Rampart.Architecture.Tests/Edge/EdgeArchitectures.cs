using System.Text.Json.Nodes;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Edge;

// jsii serves one thread at a time: these fixtures are class fixtures of tests in the default collection.

/// <summary>
/// Three environments and an audit account, synthesized once. Dev and staging share an account, and
/// staging's workload is in us-east-1, where every environment's edge stack is too: names must not collide.
/// </summary>
public sealed class ThreeEnvironmentArchitecture() : SynthesizedArchitecture(Configuration3)
{
    public const string SharedAccount = "111111111111";
    public const string ProdAccount = "333333333333";
    public const string AuditAccount = "999999999999";

    public static RampartConfiguration Configuration3 { get; } = DefaultConfiguration.Value with
    {
        AllowedRegions = ["eu-west-1", "us-east-1", "eu-central-1"],
        Monitoring = new MonitoringConfiguration { AuditAccount = AuditAccount, AuditRegion = "eu-west-1" },
        Environments =
        [
            new EnvironmentConfiguration
            {
                Name = "dev", Account = SharedAccount, Region = "eu-west-1",
                AvailabilityZones = ["eu-west-1a", "eu-west-1b"], VpcCidr = "10.0.0.0/16",
            },
            new EnvironmentConfiguration
            {
                Name = "staging", Account = SharedAccount, Region = "us-east-1",
                AvailabilityZones = ["us-east-1a", "us-east-1b"], VpcCidr = "10.1.0.0/16",
            },
            new EnvironmentConfiguration
            {
                Name = "prod", Account = ProdAccount, Region = "eu-central-1",
                AvailabilityZones = ["eu-central-1a", "eu-central-1b", "eu-central-1c"], VpcCidr = "10.2.0.0/16",
            },
        ],
    };
}

/// <summary>The default configuration without a domain name (dev, phase 3): the application runs unpublished.</summary>
public sealed class NoDomainArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with { DomainName = null });

/// <summary>Small queries the edge and container tests share.</summary>
public static class EdgeQueries
{
    public static JsonObject Properties(this TemplateView template, string logicalId) =>
        template.Resource(logicalId)["Properties"]!.AsObject();

    /// <summary>The properties of the one resource of a type.</summary>
    public static JsonObject SingleOf(this TemplateView template, string type) =>
        Assert.Single(template.PropertiesOf(type));

    /// <summary>The one resource of a type: its logical ID and properties.</summary>
    public static (string LogicalId, JsonObject Properties) One(this TemplateView template, string type)
    {
        var (id, resource) = Assert.Single(template.OfType(type));
        return (id, resource["Properties"]!.AsObject());
    }

    /// <summary>A string value, or the JSON text of anything else (intrinsics).</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>The statements of every identity policy attached to the role whose logical ID starts with a prefix.</summary>
    public static IReadOnlyList<PolicyStatementView> RoleStatements(this TemplateView template, string rolePrefix) =>
        template.StatementsOfRole(template.Single("AWS::IAM::Role", rolePrefix));
}
