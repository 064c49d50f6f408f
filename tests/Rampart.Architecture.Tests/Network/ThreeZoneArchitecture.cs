using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Network;

/// <summary>
/// A second configuration that moves every value the network reads: three zones in another
/// region, another CIDR block (the smallest that fits three zones), other ports, other names.
/// </summary>
public sealed class ThreeZoneArchitecture() : SynthesizedArchitecture(Value)
{
    public static RampartConfiguration Value { get; } = DefaultConfiguration.Value with
    {
        Application = "shop-front",
        ApplicationPort = 3000,
        DatabasePort = 3306,
        DatabaseEngine = DatabaseEngine.MySql,
        AllowedRegions = ["us-east-2"],
        Environments =
        [
            new EnvironmentConfiguration
            {
                Name = "staging",
                Account = "222222222222",
                Region = "us-east-2",
                AvailabilityZones = ["us-east-2a", "us-east-2b", "us-east-2c"],
                VpcCidr = "172.16.32.0/19",
            },
        ],
    };
}

/// <summary>
/// Gives the test classes of the default collection the three-zone synthesis, built once on first
/// use. The classes stay in the default collection on purpose: jsii is not thread-safe, and
/// collections run in parallel, so two syntheses must never run at the same time.
/// </summary>
public sealed class ThreeZoneFixture
{
    private static readonly Lazy<ThreeZoneArchitecture> Shared = new(() => new ThreeZoneArchitecture());

    public SynthesizedArchitecture Architecture => Shared.Value;
}
