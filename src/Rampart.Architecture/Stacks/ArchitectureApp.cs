using Amazon.CDK;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Stacks;

/// <summary>Builds the CDK app for a validated configuration: one workload stack per environment, and the audit stack when an audit account is configured.</summary>
public static class ArchitectureApp
{
    /// <summary>
    /// Creates the app with every stack. Availability zones are seeded into the context from the
    /// configuration, so synthesis never does a context lookup (no AWS credentials, no network).
    /// </summary>
    /// <param name="configuration">A validated configuration.</param>
    /// <param name="outputDirectory">Where to write the cloud assembly; the CDK's default when null.</param>
    /// <param name="validation">Policy validation plugins run on every synthesized template (e.g. Rampart's own).</param>
    public static App Create(RampartConfiguration configuration, string? outputDirectory = null, IReadOnlyList<IPolicyValidationPluginBeta1>? validation = null)
    {
        var context = new Dictionary<string, object>();
        foreach (var environment in configuration.Environments)
        {
            context[$"availability-zones:account={environment.Account}:region={environment.Region}"] =
                environment.AvailabilityZones.ToArray();
        }

        var app = new App(new AppProps { Outdir = outputDirectory, Context = context, PolicyValidationBeta1 = validation?.ToArray() });
        var audit = AuditArchiveLocation.From(configuration) is { } location
            ? new AuditStack(app, MonitoringNames.AuditStackName(configuration), new AuditStackProps
            {
                Configuration = configuration,
                Env = new Amazon.CDK.Environment { Account = location.Account, Region = location.Region },
                Description = $"Rampart audit archive for {configuration.Application}: CloudTrail logs of every environment",
            })
            : null;
        foreach (var environment in configuration.Environments)
        {
            var workload = new WorkloadStack(app, StackName(configuration, environment), new WorkloadStackProps
            {
                Configuration = configuration,
                Target = environment,
                Env = new Amazon.CDK.Environment { Account = environment.Account, Region = environment.Region },
                Description = $"Rampart zero-trust architecture for {configuration.Application} ({environment.Name})",
            });

            // The audit bucket must exist before a trail can write to it.
            if (audit is not null)
            {
                workload.AddDependency(audit);
            }
        }

        return app;
    }

    /// <summary>The stack name and construct ID of one environment's workload stack.</summary>
    public static string StackName(RampartConfiguration configuration, EnvironmentConfiguration environment) =>
        $"{ToPascal(configuration.Application)}-{environment.Name}-workload";

    private static string ToPascal(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
