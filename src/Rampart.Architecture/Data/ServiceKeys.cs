using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using Rampart.Architecture.Identity;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Data;

/// <summary>The AWS services that get their own customer-managed key (DATA-06).</summary>
public enum KeyService
{
    /// <summary>RDS storage, snapshots and automated backups.</summary>
    Rds,

    /// <summary>EBS volumes (the account's default EBS key).</summary>
    Ebs,

    /// <summary>S3 server-side encryption (SSE-KMS).</summary>
    S3,

    /// <summary>CloudWatch Logs log groups.</summary>
    Logs,

    /// <summary>Secrets Manager secrets.</summary>
    Secrets,

    /// <summary>ECR repositories.</summary>
    Ecr,

    /// <summary>SSM Parameter Store SecureString parameters.</summary>
    Ssm,

    /// <summary>
    /// CloudTrail log and digest files. The key policy gets its use statements from the audit archive
    /// that admits the trails (they name each trail by <c>aws:SourceArn</c>).
    /// </summary>
    CloudTrail,

    /// <summary>
    /// AWS Config configuration history and snapshots. The compliance recorder adds the use statements
    /// (its recorder role and the Config service of this account).
    /// </summary>
    Config,

    /// <summary>
    /// The SNS topic of security alerts. The alerting construct adds the use statements (EventBridge rules
    /// and CloudWatch alarms of this account, for that topic only).
    /// </summary>
    Alerts,
}

/// <summary>Inputs of <see cref="ServiceKeys"/>.</summary>
public sealed class ServiceKeysProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>: the first segment of every alias.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>: the second segment of every alias.</summary>
    public required string Environment { get; init; }

    /// <summary>
    /// Who administers the keys (create aliases, change policies, schedule deletion; never use them).
    /// Default: the account root, which delegates the right to the account's IAM administrators.
    /// A custom list must include the principal that deploys the stack, or KMS refuses the policy
    /// (its lockout safety check).
    /// </summary>
    public IReadOnlyList<IPrincipal>? Administrators { get; init; }

    /// <summary>Days a key waits between scheduled deletion and deletion (7-30). Default: 30.</summary>
    public int PendingWindowDays { get; init; } = 30;
}

/// <summary>
/// One customer-managed KMS key per service, application and environment (DATA-06), rotated every
/// year, aliased <c>alias/&lt;application&gt;/&lt;environment&gt;/&lt;service&gt;</c>, with a key policy that
/// separates administration from use (IAM-09). A key is created the first time a service asks for
/// it (<see cref="For"/>), so a stack holds exactly the keys its resources use.
/// </summary>
/// <remarks>
/// One set per application and environment in a stack: every section of the stack asks this one for
/// its keys (a second set would repeat the aliases, which KMS refuses), so the constructor refuses a
/// second <see cref="ServiceKeys"/> for the same application and environment in the same stack.
/// </remarks>
public sealed class ServiceKeys : Construct
{
    /// <summary>Key-management actions: everything an administrator needs, nothing that reads or writes data.</summary>
    /// <remarks>
    /// Listed one by one rather than as <c>kms:Create*</c>: that wildcard includes <c>kms:CreateGrant</c>,
    /// with which an administrator could hand themselves decryption.
    /// </remarks>
    public static readonly IReadOnlyList<string> AdministrationActions =
    [
        "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
        "kms:DescribeKey", "kms:UpdateKeyDescription",
        "kms:EnableKey", "kms:DisableKey",
        "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:GetKeyRotationStatus", "kms:RotateKeyOnDemand", "kms:ListKeyRotations",
        "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:ListKeyPolicies",
        "kms:ListGrants", "kms:RevokeGrant",
        "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource",
        "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
    ];

    /// <summary>Cryptographic actions: what a service does with a key on a caller's behalf.</summary>
    public static readonly IReadOnlyList<string> UseActions =
        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    /// <summary>Grant actions that services which keep using a key (RDS, EBS, ECR, Secrets Manager) need.</summary>
    public static readonly IReadOnlyList<string> GrantActions = ["kms:CreateGrant", "kms:ListGrants"];

    private readonly ServiceKeysProps _props;
    private readonly Dictionary<KeyService, IKey> _keys = [];

    public ServiceKeys(Construct scope, string id, ServiceKeysProps props)
        : base(scope, id)
    {
        ResourceNames.CheckSegment("application", props.Application);
        ResourceNames.CheckSegment("environment", props.Environment);
        if (props.PendingWindowDays is < 7 or > 30)
        {
            throw new ArgumentException(
                $"ServiceKeysProps.PendingWindowDays is {props.PendingWindowDays}: KMS accepts 7 to 30 days.");
        }

        if (props.Administrators is { Count: 0 })
        {
            throw new ArgumentException(
                "ServiceKeysProps.Administrators is empty: name at least one principal, or leave it unset for the account root.");
        }

        _props = props;
        var twin = Stack.Of(this).Node.FindAll().OfType<ServiceKeys>()
            .FirstOrDefault(other => other != this && other._props.Application == props.Application && other._props.Environment == props.Environment);
        if (twin is not null)
        {
            throw new ArgumentException(
                $"ServiceKeys at {Node.Path}: the stack already has the keys of {props.Application}/{props.Environment} at {twin.Node.Path}; pass those keys (keys.For(...)) instead of creating a second set with the same aliases.");
        }
    }

    /// <summary>The keys created so far, by service.</summary>
    public IReadOnlyDictionary<KeyService, IKey> Created => _keys;

    /// <summary>The key of one service, created on first use.</summary>
    public IKey For(KeyService service)
    {
        if (!_keys.TryGetValue(service, out var key))
        {
            key = Create(service);
            _keys[service] = key;
        }

        return key;
    }

    /// <summary>
    /// The alias segment of a service: <c>rds</c>, <c>ebs</c>, <c>s3</c>, <c>logs</c>, <c>secrets</c>, <c>ecr</c>,
    /// <c>ssm</c>, <c>cloudtrail</c>, <c>config</c>, <c>alerts</c>.
    /// </summary>
    public static string AliasSegment(KeyService service) => service.ToString().ToLowerInvariant();

    private Key Create(KeyService service)
    {
        var segment = AliasSegment(service);
        return new Key(this, $"{service}Key", new KeyProps
        {
            Alias = ResourceNames.KeyAlias(_props.Application, _props.Environment, segment),
            Description = $"{_props.Application} {_props.Environment}: {segment} encryption",
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(_props.PendingWindowDays),
            RemovalPolicy = RemovalPolicy.RETAIN,
            Policy = new PolicyDocument(new PolicyDocumentProps { Statements = [Administration(), .. Use(service)] }),
        });
    }

    private PolicyStatement Administration() => new(new PolicyStatementProps
    {
        Sid = "KeyAdministration",
        Effect = Effect.ALLOW,
        Principals = _props.Administrators?.ToArray() ?? [new AccountRootPrincipal()],
        Actions = AdministrationActions.ToArray(),
        Resources = ["*"],
    });

    private IEnumerable<PolicyStatement> Use(KeyService service)
    {
        var stack = Stack.Of(this);
        return service switch
        {
            KeyService.Rds => ThroughService("rds", withGrants: true),
            KeyService.Ebs => ThroughService("ec2", withGrants: true),
            KeyService.S3 => ThroughService("s3", withGrants: false),
            KeyService.Secrets => ThroughService("secretsmanager", withGrants: true),
            KeyService.Ecr => ThroughService("ecr", withGrants: true),
            KeyService.Ssm => ParameterStore(),
            KeyService.Logs =>
            [
                // CloudWatch Logs uses the key itself; the encryption context pins it to this account's log groups.
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "KeyUseByCloudWatchLogs",
                    Effect = Effect.ALLOW,
                    Principals = [new ServicePrincipal($"logs.{stack.Region}.amazonaws.com")],
                    Actions = UseActions.ToArray(),
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["ArnLike"] = new Dictionary<string, object>
                        {
                            ["kms:EncryptionContext:aws:logs:arn"] =
                                stack.FormatArn(new ArnComponents { Service = "logs", Resource = "log-group", ResourceName = "*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME }),
                        },
                    },
                }),
            ],
            // Their use names resources only the consuming construct knows (trails, the recorder role, the
            // topic); it adds those statements. Until then the key serves nobody.
            KeyService.CloudTrail or KeyService.Config or KeyService.Alerts => [],
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "no key policy for this service"),
        };
    }

    /// <summary>
    /// Use by this account's principals, but only through one AWS service: IAM policies still decide
    /// which principal (the account root here delegates to them), and the key cannot be called directly.
    /// </summary>
    private IEnumerable<PolicyStatement> ThroughService(string service, bool withGrants)
    {
        var stack = Stack.Of(this);
        var throughService = new Dictionary<string, object>
        {
            ["kms:ViaService"] = $"{service}.{stack.Region}.amazonaws.com",
            ["kms:CallerAccount"] = stack.Account,
        };
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "KeyUseThroughService",
            Effect = Effect.ALLOW,
            Principals = [new AccountRootPrincipal()],
            Actions = UseActions.ToArray(),
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = throughService },
        });
        if (withGrants)
        {
            yield return new PolicyStatement(new PolicyStatementProps
            {
                Sid = "GrantsForAwsResources",
                Effect = Effect.ALLOW,
                Principals = [new AccountRootPrincipal()],
                Actions = GrantActions.ToArray(),
                Resources = ["*"],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = throughService,
                    ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" },
                },
            });
        }
    }

    /// <summary>
    /// Parameter Store: anyone in the account may write SecureStrings through SSM, but only principals
    /// tagged with this application and environment may decrypt them (aws:PrincipalTag, IAM-05).
    /// </summary>
    private IEnumerable<PolicyStatement> ParameterStore()
    {
        var stack = Stack.Of(this);
        var throughSsm = new Dictionary<string, object>
        {
            ["kms:ViaService"] = $"ssm.{stack.Region}.amazonaws.com",
            ["kms:CallerAccount"] = stack.Account,
        };
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "KeyEncryptThroughService",
            Effect = Effect.ALLOW,
            Principals = [new AccountRootPrincipal()],
            Actions = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = throughSsm },
        });
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "KeyDecryptByWorkloadPrincipals",
            Effect = Effect.ALLOW,
            Principals = [new AccountRootPrincipal()],
            Actions = ["kms:Decrypt"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>(throughSsm)
                {
                    [WorkloadTags.PrincipalTagCondition(WorkloadTags.Application)] = _props.Application,
                    [WorkloadTags.PrincipalTagCondition(WorkloadTags.Environment)] = _props.Environment,
                },
            },
        });
    }
}
