using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Monitoring;

// jsii's runtime serves one thread at a time: every test that synthesizes joins the default collection
// (which xunit runs serially) and takes these fixtures as class fixtures.

/// <summary>The default configuration in phase 1 (CloudTrail and Config only), synthesized once.</summary>
public sealed class PhaseOneArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with { Phase = 1 });

/// <summary>The default configuration in phase 2 (detection and alerting, no automated response), synthesized once.</summary>
public sealed class PhaseTwoArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value with { Phase = 2 });

/// <summary>
/// Three environments and a dedicated audit account, synthesized once. Dev and staging share an account
/// (in two regions), prod has its own; PCI DSS is on.
/// </summary>
public sealed class AuditAccountArchitecture() : SynthesizedArchitecture(AuditConfiguration)
{
    public const string AuditAccount = "999999999999";
    public const string AuditRegion = "eu-west-1";

    public static RampartConfiguration AuditConfiguration { get; } = DefaultConfiguration.Value with
    {
        AllowedRegions = ["eu-west-1", "eu-central-1"],
        Monitoring = new MonitoringConfiguration { AuditAccount = AuditAccount, AuditRegion = AuditRegion, PciDss = true },
        Environments =
        [
            new EnvironmentConfiguration
            {
                Name = "dev",
                Account = "111111111111",
                Region = "eu-west-1",
                AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
                VpcCidr = "10.0.0.0/16",
            },
            new EnvironmentConfiguration
            {
                Name = "staging",
                Account = "111111111111",
                Region = "eu-central-1",
                AvailabilityZones = ["eu-central-1a", "eu-central-1b"],
                VpcCidr = "10.1.0.0/16",
            },
            new EnvironmentConfiguration
            {
                Name = "prod",
                Account = "333333333333",
                Region = "eu-west-1",
                AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
                VpcCidr = "10.2.0.0/16",
            },
        ],
    };
}
