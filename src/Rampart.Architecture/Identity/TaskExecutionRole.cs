using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Identity;

/// <summary>Inputs of <see cref="TaskExecutionRole"/>: everything the role may touch, by name.</summary>
public sealed class TaskExecutionRoleProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c> (a role tag).</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c> (a role tag).</summary>
    public required string Environment { get; init; }

    /// <summary>The one repository the tasks' images are pulled from.</summary>
    public required IRepository Repository { get; init; }

    /// <summary>The one log group the containers write to.</summary>
    public required ILogGroup LogGroup { get; init; }

    /// <summary>The secrets injected into the containers (ECS <c>secrets</c>/<c>valueFrom</c>). Default: none.</summary>
    public IReadOnlyList<ISecret> Secrets { get; init; } = [];

    /// <summary>The regions the role may act in (<c>aws:RequestedRegion</c>); must include the stack's region.</summary>
    public required IReadOnlyList<string> AllowedRegions { get; init; }
}

/// <summary>
/// The ECS task execution role (the seed's "infrastructure" role, IAM-03): pulls from its one ECR
/// repository, writes its one log group, reads its named secrets and decrypts them only through
/// Secrets Manager. Nothing else, and only over TLS in the approved regions (IAM-05). Only ECS tasks
/// of this account and region may assume it (IAM-06).
/// </summary>
public sealed class TaskExecutionRole : Construct
{
    /// <summary>The one ECR action that has no resource ARN.</summary>
    public const string AuthorizationTokenAction = "ecr:GetAuthorizationToken";

    /// <summary>What pulling an image from the repository takes.</summary>
    public static readonly IReadOnlyList<string> PullActions =
        ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];

    /// <summary>What writing the containers' logs takes (the log group exists already).</summary>
    public static readonly IReadOnlyList<string> LogActions = ["logs:CreateLogStream", "logs:PutLogEvents"];

    private readonly IReadOnlyList<string> _allowedRegions;
    private readonly List<ISecret> _secrets = [];

    public TaskExecutionRole(Construct scope, string id, TaskExecutionRoleProps props)
        : base(scope, id)
    {
        ResourceNames.CheckSegment("application", props.Application);
        ResourceNames.CheckSegment("environment", props.Environment);
        _allowedRegions = RegionGuard.Checked(this, props.AllowedRegions, "TaskExecutionRoleProps.AllowedRegions");

        var role = new Role(this, "Resource", new RoleProps
        {
            Description = $"{props.Application} {props.Environment}: ECS task execution (image pull, logs, secrets)",
            AssumedBy = TrustPolicies.Service("ecs-tasks.amazonaws.com", this, sourceArnService: "ecs"),
        });
        Tags.Of(role).Add(WorkloadTags.Application, props.Application);
        Tags.Of(role).Add(WorkloadTags.Environment, props.Environment);

        role.AddToPrincipalPolicy(GuardedStatements.Allow("EcrAuthorizationToken", [AuthorizationTokenAction], ["*"], _allowedRegions));
        role.AddToPrincipalPolicy(GuardedStatements.Allow("PullFromRepository", PullActions, [props.Repository.RepositoryArn], _allowedRegions));
        role.AddToPrincipalPolicy(GuardedStatements.Allow("WriteLogGroup", LogActions, [props.LogGroup.LogGroupArn], _allowedRegions));
        Role = role;

        foreach (var secret in props.Secrets)
        {
            AddSecret(secret);
        }
    }

    /// <summary>The role, for a task definition's <c>executionRole</c>.</summary>
    public IRole Role { get; }

    /// <summary>The secrets the role may read.</summary>
    public IReadOnlyList<ISecret> Secrets => _secrets;

    /// <summary>
    /// Lets the role read one more secret, and decrypt it with its key through Secrets Manager only.
    /// The secret's own resource policy must admit the role too (IAM-08).
    /// </summary>
    public void AddSecret(ISecret secret)
    {
        var index = _secrets.Count;
        _secrets.Add(secret);
        Role.AddToPrincipalPolicy(GuardedStatements.Allow(
            $"ReadSecret{index}", ["secretsmanager:GetSecretValue"], [secret.SecretArn], _allowedRegions));
        if (secret.EncryptionKey is not null)
        {
            Role.AddToPrincipalPolicy(GuardedStatements.Allow(
                $"DecryptSecret{index}",
                ["kms:Decrypt"],
                [secret.EncryptionKey.KeyArn],
                _allowedRegions,
                new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object>
                    {
                        ["kms:ViaService"] = $"secretsmanager.{Stack.Of(this).Region}.amazonaws.com",
                    },
                }));
        }
    }
}
