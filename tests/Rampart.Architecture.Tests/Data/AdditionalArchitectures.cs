using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Data;

/// <summary>
/// The other configurations this part's tests need, each synthesized once, on first use. They are
/// used only from tests of the default collection: jsii (the CDK's bridge to Node.js) is not
/// thread-safe, so no two syntheses may overlap, and tests of one collection run one at a time.
/// </summary>
public static class AdditionalArchitectures
{
    private static readonly Lazy<ProductionArchitecture> LazyProduction = new(() => new ProductionArchitecture());
    private static readonly Lazy<MySqlArchitecture> LazyMySql = new(() => new MySqlArchitecture());
    private static readonly Lazy<FoundationArchitecture> LazyFoundation = new(() => new FoundationArchitecture());

    /// <summary>One prod environment: Multi-AZ, longer backups and retention.</summary>
    public static SynthesizedArchitecture Production => LazyProduction.Value;

    /// <summary>MySQL on 3306 in dev.</summary>
    public static SynthesizedArchitecture MySql => LazyMySql.Value;

    /// <summary>Phase 1, no domain name: no database, no secrets, no certificate.</summary>
    public static SynthesizedArchitecture Foundation => LazyFoundation.Value;

    private sealed class ProductionArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with
    {
        Environments =
        [
            new EnvironmentConfiguration
            {
                Name = "prod",
                Account = "222222222222",
                Region = "eu-west-1",
                AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
                VpcCidr = "10.1.0.0/16",
            },
        ],
    });

    private sealed class MySqlArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with
    {
        DatabaseEngine = DatabaseEngine.MySql,
        DatabasePort = 3306,
    });

    private sealed class FoundationArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with
    {
        Phase = 1,
        DomainName = null,
    });
}
