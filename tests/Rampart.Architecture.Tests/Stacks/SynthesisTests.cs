namespace Rampart.Architecture.Tests.Stacks;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class SynthesisTests(DefaultArchitecture architecture)
{
    [Fact]
    public void Default_configuration_synthesizes_one_workload_stack_per_environment()
    {
        Assert.Equal(architecture.Configuration.Environments.Count, architecture.Templates.Count);
    }

    [Fact]
    public void Synthesis_needs_no_context_lookup()
    {
        // A "missing" entry means the CDK wanted a lookup (credentials, network) to finish.
        Assert.Null(architecture.Manifest["missing"]);
    }
}
