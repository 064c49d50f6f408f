namespace Rampart.Architecture.Configuration;

/// <summary>The configuration used when none is given: one dev environment, phase 3, every control on.</summary>
public static class DefaultConfiguration
{
    public static RampartConfiguration Value { get; } = new()
    {
        Application = "webapp",
        AlertEmail = "security-alerts@example.com",
        DomainName = "app.example.com",
        AllowedRegions = ["eu-west-1"],
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
        ],
    };
}
