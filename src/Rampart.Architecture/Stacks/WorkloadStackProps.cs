using Amazon.CDK;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Stacks;

/// <summary>What one environment's workload stack is built from.</summary>
public sealed class WorkloadStackProps : StackProps
{
    public required RampartConfiguration Configuration { get; init; }

    public required EnvironmentConfiguration Target { get; init; }
}
