using System.Globalization;
using Amazon.CDK.AWS.ECS;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Containers;
using Rampart.Architecture.Data;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    /// <summary>Production runs at least two tasks, so one zone or one task may fail without an outage.</summary>
    public const int ProductionDesiredCount = 2;

    /// <summary>The application's Fargate service (phase 2 and later), null before.</summary>
    public HardenedFargateService? Application { get; private set; }

    /// <summary>Forwards the application's security events to monitoring's security log group (phase 2 and later).</summary>
    public SecurityEventForwarder? SecurityEvents { get; private set; }

    /// <summary>Monitoring's security log group (MON-07); named here because monitoring is built after the containers.</summary>
    public string SecurityLogGroupName => $"/{Configuration.Application}/{Target.Name}/security";

    private void BuildContainers()
    {
        if (Configuration.Phase < RampartConfiguration.ContainersPhase)
        {
            return;
        }

        // The database credentials reach the container through ECS secrets (SEC-06); the execution role
        // may already read them and the secret's resource policy admits it (BuildIdentity).
        var secrets = new Dictionary<string, Secret>();
        if (Database is not null)
        {
            secrets["DB_USERNAME"] = Secret.FromSecretsManager(Database.Credentials, "username");
            secrets["DB_PASSWORD"] = Secret.FromSecretsManager(Database.Credentials, "password");
        }

        Application = new HardenedFargateService(this, "Application", new HardenedFargateServiceProps
        {
            Vpc = Network.Vpc,
            Subnets = Network.ApplicationSubnets,
            SecurityGroup = Network.ApplicationSecurityGroup,
            Repository = ContainerRepository,
            ImageTag = Configuration.Image.Tag,
            ContainerPort = Configuration.ApplicationPort,
            ExecutionRole = TaskExecutionRole.Role,
            TaskRole = TaskRole.Role,
            LogGroup = ApplicationLogGroup,
            ServiceName = $"{Configuration.Application}-{Target.Name}",
            DiscoveryNamespace = $"{Target.Name}.{Configuration.Application}.internal",
            DesiredCount = Target.IsProduction ? ProductionDesiredCount : 1,
            Cpu = Target.IsProduction ? 1024 : 512,
            MemoryMiB = Target.IsProduction ? 2048 : 1024,
            Secrets = secrets,
            // Configuration is read at run time from Parameter Store through the task role; these say where.
            Environment = new Dictionary<string, string>
            {
                ["PORT"] = Configuration.ApplicationPort.ToString(CultureInfo.InvariantCulture),
                ["RAMPART_ENVIRONMENT"] = Target.Name,
                ["RAMPART_PARAMETER_PATH"] = TaskRole.ParameterPath,
            },
        });

        SecurityEvents = new SecurityEventForwarder(this, "SecurityEventForwarder", new SecurityEventForwarderProps
        {
            ApplicationLogGroup = ApplicationLogGroup,
            SecurityLogGroupName = SecurityLogGroupName,
            LogEncryptionKey = Keys.For(KeyService.Logs),
            LogRetention = LogRetention,
            AllowedRegions = AllowedRegions,
        });
    }
}
