using Rampart.Architecture.Data;
using Rampart.Architecture.Network;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    /// <summary>The three-tier network (seed: Network Security Patterns).</summary>
    public ThreeTierNetwork Network { get; private set; } = null!;

    private void BuildNetwork()
    {
        Network = new ThreeTierNetwork(this, "Network", new ThreeTierNetworkProps
        {
            Application = Configuration.Application,
            EnvironmentName = Target.Name,
            VpcCidr = Target.VpcCidr,
            AvailabilityZones = Target.AvailabilityZones,
            ApplicationPort = Configuration.ApplicationPort,
            DatabasePort = Configuration.DatabasePort,

            // Published only behind a load balancer with a certificate (see BuildEdge).
            ApplicationPublished = HasCertificate(Configuration),
            LogEncryptionKey = Keys.For(KeyService.Logs),
            LogRetention = LogRetention,
        });
    }
}
