using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.Logs;
using Rampart.Architecture.Containers;
using Rampart.Architecture.Data;
using Rampart.Architecture.Identity;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    // The seed's phase 1: basic IAM roles with least privilege. They gain the secrets they may read
    // when phase 2 brings them.
    private const int IdentityPhase = 1;

    /// <summary>The application's ECR repository (CTR-09), which the execution role pulls from.</summary>
    public IRepository ContainerRepository { get; private set; } = null!;

    /// <summary>The application containers' log group.</summary>
    public ILogGroup ApplicationLogGroup { get; private set; } = null!;

    /// <summary>The ECS task execution role (IAM-03).</summary>
    public TaskExecutionRole TaskExecutionRole { get; private set; } = null!;

    /// <summary>The ECS task role (IAM-04).</summary>
    public TaskRole TaskRole { get; private set; } = null!;

    /// <summary>The regions policies may act in: the configured ones, or the environment's own.</summary>
    public IReadOnlyList<string> AllowedRegions =>
        Configuration.AllowedRegions.Count > 0 ? Configuration.AllowedRegions : [Target.Region];

    private void BuildIdentity()
    {
        if (Configuration.Phase < IdentityPhase)
        {
            return;
        }

        ContainerRepository = new ContainerRepository(this, "ContainerRepository", new ContainerRepositoryProps
        {
            RepositoryName = Configuration.Image.Repository,
            EncryptionKey = Keys.For(KeyService.Ecr),
        }).Repository;
        ApplicationLogGroup = new EncryptedLogGroup(this, "ApplicationLogs", new EncryptedLogGroupProps
        {
            LogGroupName = $"/{Configuration.Application}/{Target.Name}/app",
            EncryptionKey = Keys.For(KeyService.Logs),
            Retention = LogRetention,
        }).LogGroup;

        TaskExecutionRole = new TaskExecutionRole(this, "TaskExecutionRole", new TaskExecutionRoleProps
        {
            Application = Configuration.Application,
            Environment = Target.Name,
            Repository = ContainerRepository,
            LogGroup = ApplicationLogGroup,
            AllowedRegions = AllowedRegions,
        });
        if (Database is not null)
        {
            TaskExecutionRole.AddSecret(Database.Credentials);
            Database.CredentialsPolicy.AllowReader(TaskExecutionRole.Role);
        }

        TaskRole = new TaskRole(this, "TaskRole", new TaskRoleProps
        {
            Application = Configuration.Application,
            Environment = Target.Name,
            AllowedRegions = AllowedRegions,
            ParameterKey = Keys.Created.GetValueOrDefault(KeyService.Ssm),
        });
    }
}
