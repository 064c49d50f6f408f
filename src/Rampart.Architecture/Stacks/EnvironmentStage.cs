using Amazon.CDK;
using Constructs;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Edge;

namespace Rampart.Architecture.Stacks;

/// <summary>What one environment's stage is built from.</summary>
public sealed class EnvironmentStageProps
{
    /// <summary>The whole configuration.</summary>
    public required RampartConfiguration Configuration { get; init; }

    /// <summary>The environment this stage deploys.</summary>
    public required EnvironmentConfiguration Target { get; init; }
}

/// <summary>
/// One environment as a CDK stage, in the environment's own account: the workload stack in its region
/// and, once the application is published, the CloudFront edge stack in us-east-1, deployed after it.
/// A stage is the unit CDK Pipelines deploys (<c>pipeline.AddStage</c>) and a pattern the CLI selects
/// (<c>cdk deploy 'Webapp-dev/*'</c>); its stacks keep their names (<see cref="ArchitectureApp.StackName"/>,
/// <see cref="ArchitectureApp.EdgeStackName"/>) wherever the stage is placed.
/// </summary>
public sealed class EnvironmentStage : Stage
{
    public EnvironmentStage(Construct scope, string id, EnvironmentStageProps props)
        : base(scope, id, new StageProps
        {
            Env = new Amazon.CDK.Environment { Account = props.Target.Account, Region = props.Target.Region },
        })
    {
        var configuration = props.Configuration;
        var target = props.Target;
        var workloadName = ArchitectureApp.StackName(configuration, target);
        Workload = new WorkloadStack(this, workloadName, new WorkloadStackProps
        {
            Configuration = configuration,
            Target = target,
            StackName = workloadName,
            Env = new Amazon.CDK.Environment { Account = target.Account, Region = target.Region },
            Description = $"Rampart zero-trust architecture for {configuration.Application} ({target.Name})",
        });

        if (Workload.Origin is null)
        {
            return;
        }

        // The configuration validator ties an imported certificate to a domain; a configuration built in code may not.
        var domain = configuration.DomainName ?? throw new ArgumentException(
            "domainName: not set, but the load balancer has a certificate; CloudFront needs the domain it serves; accepted: the certificate's domain name, e.g. app.example.com");
        var edgeName = ArchitectureApp.EdgeStackName(configuration, target);
        Edge = new EdgeStack(this, edgeName, new EdgeStackProps
        {
            StackName = edgeName,
            Env = new Amazon.CDK.Environment { Account = target.Account, Region = CloudFrontEdge.Region },
            Description = $"Rampart CloudFront edge for {configuration.Application} ({target.Name}): certificate, web ACL, distribution",
            Application = configuration.Application,
            EnvironmentName = target.Name,
            WorkloadRegion = target.Region,
            DomainName = domain,
            CertificateArn = configuration.Certificate.Source == CertificateSource.Imported ? configuration.Certificate.CertificateArn : null,
            LogRetention = Workload.LogRetention,
        });

        // The edge reads the load balancer's parameters, so the workload goes first.
        Edge.AddDependency(Workload);
    }

    /// <summary>The environment's workload stack.</summary>
    public WorkloadStack Workload { get; }

    /// <summary>The environment's CloudFront edge stack in us-east-1, or null while nothing is published.</summary>
    public EdgeStack? Edge { get; }
}
