using Rampart.Architecture.Stacks;

namespace Rampart.Architecture.Tests.Stacks;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class SynthesisTests(DefaultArchitecture architecture)
{
    [Fact]
    public void Default_configuration_synthesizes_a_workload_and_an_edge_stack_per_environment()
    {
        var expected = architecture.Configuration.Environments
            .SelectMany(e => new[] { ArchitectureApp.StackName(architecture.Configuration, e), ArchitectureApp.EdgeStackName(architecture.Configuration, e) })
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, architecture.Templates.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Synthesis_needs_no_context_lookup()
    {
        // A "missing" entry means the CDK wanted a lookup (credentials, network) to finish; each stage has its own manifest.
        Assert.Null(architecture.Manifest["missing"]);
        Assert.NotEmpty(architecture.NestedManifests);
        Assert.All(architecture.NestedManifests.Values, manifest => Assert.Null(manifest["missing"]));
    }
}
