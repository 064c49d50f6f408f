using Amazon.CDK;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Stacks;

/// <summary>
/// Builds the CDK app for a validated configuration: one <see cref="EnvironmentStage"/> per environment
/// (its workload stack and its CloudFront edge stack, in the environment's account), and the audit
/// stack, shared by every environment, when an audit account is configured.
/// </summary>
/// <remarks>
/// The audit stack sits outside the stages: CDK dependencies cannot cross a stage boundary, so "audit
/// before the workloads" is a deployment order (docs/deployment.md), not a stack dependency.
/// </remarks>
public static class ArchitectureApp
{
    /// <summary>
    /// Creates the app with every stage and stack. Availability zones are seeded into the context from
    /// the configuration, so synthesis never does a context lookup (no AWS credentials, no network).
    /// </summary>
    /// <param name="configuration">A validated configuration.</param>
    /// <param name="outputDirectory">Where to write the cloud assembly; the CDK's default when null.</param>
    /// <param name="validation">Policy validation plugins run on every synthesized template (e.g. Rampart's own).</param>
    public static App Create(RampartConfiguration configuration, string? outputDirectory = null, IReadOnlyList<IPolicyValidationPluginBeta1>? validation = null)
    {
        // The lookup is per account and region, so environments sharing both share one entry: it holds every zone any
        // of them uses (a VPC's zones must be among its stack's; with only the last environment's, another
        // environment's zone there failed synthesis).
        var context = new Dictionary<string, object>();
        foreach (var place in configuration.Environments.GroupBy(e => (e.Account, e.Region)))
        {
            context[$"availability-zones:account={place.Key.Account}:region={place.Key.Region}"] =
                place.SelectMany(e => e.AvailabilityZones).Distinct(StringComparer.Ordinal).ToArray();
        }

        // Validation plugins on the app also see the templates of every stage's nested assembly.
        var app = new App(new AppProps { Outdir = outputDirectory, Context = context, PolicyValidationBeta1 = validation?.ToArray() });
        if (AuditArchiveLocation.From(configuration) is { } location)
        {
            _ = new AuditStack(app, MonitoringNames.AuditStackName(configuration), new AuditStackProps
            {
                Configuration = configuration,
                Env = new Amazon.CDK.Environment { Account = location.Account, Region = location.Region },
                Description = $"Rampart audit archive for {configuration.Application}: CloudTrail logs of every environment",
            });
        }

        foreach (var environment in configuration.Environments)
        {
            _ = new EnvironmentStage(app, StageName(configuration, environment), new EnvironmentStageProps
            {
                Configuration = configuration,
                Target = environment,
            });
        }

        return app;
    }

    /// <summary>The stack name and construct ID of one environment's workload stack.</summary>
    public static string StackName(RampartConfiguration configuration, EnvironmentConfiguration environment) =>
        $"{ToPascal(configuration.Application)}-{environment.Name}-workload";

    /// <summary>The stack name and construct ID of one environment's CloudFront edge stack (us-east-1).</summary>
    public static string EdgeStackName(RampartConfiguration configuration, EnvironmentConfiguration environment) =>
        $"{ToPascal(configuration.Application)}-{environment.Name}-edge";

    /// <summary>The construct ID of one environment's stage (its nested cloud assembly is <c>assembly-&lt;id&gt;</c>).</summary>
    public static string StageName(RampartConfiguration configuration, EnvironmentConfiguration environment) =>
        $"{ToPascal(configuration.Application)}-{environment.Name}";

    private static string ToPascal(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
