using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Identity;

/// <summary>Inputs of <see cref="TaskRole"/>: everything the application may touch, by name.</summary>
public sealed class TaskRoleProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>: first segment of the parameter path, and a role tag.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>: second segment of the parameter path, and a role tag.</summary>
    public required string Environment { get; init; }

    /// <summary>The regions the role may act in (<c>aws:RequestedRegion</c>); must include the stack's region.</summary>
    public required IReadOnlyList<string> AllowedRegions { get; init; }

    /// <summary>The CloudWatch namespace the application publishes metrics to. Default: <c>&lt;application&gt;/&lt;environment&gt;</c>.</summary>
    public string? MetricsNamespace { get; init; }

    /// <summary>
    /// The key of SecureString parameters under the path (<see cref="Data.KeyService.Ssm"/>), decrypted
    /// through SSM only. Default: none (String parameters only).
    /// </summary>
    public IKey? ParameterKey { get; init; }

    /// <summary>The buckets the application reads and writes objects in. Default: none.</summary>
    public IReadOnlyList<IBucket> Buckets { get; init; } = [];
}

/// <summary>
/// The ECS task role (the seed's "application runtime" role, IAM-04): reads configuration under its
/// own parameter path <c>/&lt;application&gt;/&lt;environment&gt;/*</c>, publishes metrics to its own
/// namespace, writes X-Ray traces, and reaches named buckets only; only over TLS in the approved
/// regions (IAM-05); assumable only by ECS tasks of this account and region (IAM-06).
/// </summary>
public sealed class TaskRole : Construct
{
    /// <summary>Reading parameters (the history is not needed at run time).</summary>
    public static readonly IReadOnlyList<string> ParameterActions =
        ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"];

    /// <summary>X-Ray's write and sampling actions; X-Ray offers no resource ARN for them.</summary>
    public static readonly IReadOnlyList<string> TracingActions =
        ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"];

    /// <summary>Object access in a named bucket.</summary>
    public static readonly IReadOnlyList<string> ObjectActions = ["s3:GetObject", "s3:PutObject"];

    public TaskRole(Construct scope, string id, TaskRoleProps props)
        : base(scope, id)
    {
        var regions = RegionGuard.Checked(this, props.AllowedRegions, "TaskRoleProps.AllowedRegions");
        ParameterPath = ResourceNames.ParameterPath(props.Application, props.Environment);
        MetricsNamespace = props.MetricsNamespace ?? $"{props.Application}/{props.Environment}";
        if (string.IsNullOrWhiteSpace(MetricsNamespace) || MetricsNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"TaskRoleProps.MetricsNamespace '{MetricsNamespace}' is not allowed: use a non-empty namespace that does not start with 'AWS/'.");
        }

        var stack = Stack.Of(this);
        var role = new Role(this, "Resource", new RoleProps
        {
            Description = $"{props.Application} {props.Environment}: application runtime (parameters, metrics, traces)",
            AssumedBy = TrustPolicies.Service("ecs-tasks.amazonaws.com", this, sourceArnService: "ecs"),
        });
        Tags.Of(role).Add(WorkloadTags.Application, props.Application);
        Tags.Of(role).Add(WorkloadTags.Environment, props.Environment);

        var pathArn = stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = ParameterPath.TrimStart('/') });
        role.AddToPrincipalPolicy(GuardedStatements.Allow("ReadOwnParameters", ParameterActions, [pathArn, $"{pathArn}/*"], regions));
        if (props.ParameterKey is not null)
        {
            role.AddToPrincipalPolicy(GuardedStatements.Allow(
                "DecryptOwnParameters", ["kms:Decrypt"], [props.ParameterKey.KeyArn], regions, ViaService(stack, "ssm")));
        }

        role.AddToPrincipalPolicy(GuardedStatements.Allow(
            "PutMetricsInOwnNamespace",
            ["cloudwatch:PutMetricData"],
            ["*"],
            regions,
            new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = MetricsNamespace },
            }));
        role.AddToPrincipalPolicy(GuardedStatements.Allow("WriteTraces", TracingActions, ["*"], regions));

        for (var i = 0; i < props.Buckets.Count; i++)
        {
            var bucket = props.Buckets[i];
            role.AddToPrincipalPolicy(GuardedStatements.Allow($"ListBucket{i}", ["s3:ListBucket"], [bucket.BucketArn], regions));
            role.AddToPrincipalPolicy(GuardedStatements.Allow($"ObjectsInBucket{i}", ObjectActions, [bucket.ArnForObjects("*")], regions));
            if (bucket.EncryptionKey is not null)
            {
                role.AddToPrincipalPolicy(GuardedStatements.Allow(
                    $"BucketKey{i}", ["kms:Decrypt", "kms:GenerateDataKey"], [bucket.EncryptionKey.KeyArn], regions, ViaService(stack, "s3")));
            }
        }

        Role = role;
    }

    /// <summary>The role, for a task definition's <c>taskRole</c>.</summary>
    public IRole Role { get; }

    /// <summary>The parameter path the role reads: <c>/&lt;application&gt;/&lt;environment&gt;</c>.</summary>
    public string ParameterPath { get; }

    /// <summary>The CloudWatch namespace the role may publish to.</summary>
    public string MetricsNamespace { get; }

    private static Dictionary<string, object> ViaService(Stack stack, string service) => new()
    {
        ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"{service}.{stack.Region}.amazonaws.com" },
    };
}
