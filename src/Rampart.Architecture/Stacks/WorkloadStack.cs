using Amazon.CDK;
using Constructs;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Stacks;

/// <summary>
/// One environment's architecture, composed as the seed draws it: network, identity, secrets, data,
/// containers, monitoring. Each seed section is built in its own part of this partial class.
/// </summary>
public sealed partial class WorkloadStack : Stack
{
    public WorkloadStack(Construct scope, string id, WorkloadStackProps props)
        : base(scope, id, props)
    {
        Configuration = props.Configuration;
        Target = props.Target;
        Compose();
    }

    public RampartConfiguration Configuration { get; }

    public EnvironmentConfiguration Target { get; }

    private void Compose()
    {
        // Sections in dependency order, as the seed draws them, after the keys they all encrypt with.
        BuildKeys();
        BuildNetwork();
        BuildDataProtection();
        BuildSecrets();
        BuildDatabase();
        BuildIdentity();
        BuildContainers();
        BuildEdge();
        BuildMonitoring();
    }
}
