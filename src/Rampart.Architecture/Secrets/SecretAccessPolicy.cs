using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SecretsManager;
using Rampart.Cdk.Suppressions;

namespace Rampart.Architecture.Secrets;

/// <summary>Inputs of <see cref="SecretAccessPolicy"/>.</summary>
public sealed class SecretAccessPolicyProps
{
    /// <summary>
    /// Principals (role ARNs) that manage the secret's value besides its readers: the role CloudFormation
    /// deploys with, which resolves the secret for the database and attaches the connection details.
    /// Default: none.
    /// </summary>
    public IReadOnlyList<string> ManagerArns { get; init; } = [];

    /// <summary>
    /// The name of the Lambda function that rotates the secret, if any. Lambda names the role session
    /// after the function, which is how the policy recognises it (its role is made by the rotation
    /// template, so its ARN is not known here). Default: none.
    /// </summary>
    public string? RotationFunctionName { get; init; }
}

/// <summary>
/// A secret's resource policy that denies everyone but the principals that need the secret (IAM-08):
/// its readers (added with <see cref="AllowReader"/>), its managers (the deployment role), and its
/// rotation function (by session name, whose role cannot be named: recorded as an IAM-08 suppression with
/// that reason). It also denies every request made without TLS (IAM-05). Identity policies still
/// have to allow a reader; this policy only takes away.
/// </summary>
public sealed class SecretAccessPolicy
{
    /// <summary>The actions that read or change the secret's value: denied to everyone else.</summary>
    public static readonly IReadOnlyList<string> ValueActions =
    [
        "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
        "secretsmanager:UpdateSecret", "secretsmanager:UpdateSecretVersionStage",
    ];

    /// <summary>Every action on a secret, denied without TLS.</summary>
    public static readonly IReadOnlyList<string> AllActions =
    [
        .. ValueActions,
        "secretsmanager:DescribeSecret", "secretsmanager:RotateSecret", "secretsmanager:CancelRotateSecret",
        "secretsmanager:DeleteSecret", "secretsmanager:RestoreSecret", "secretsmanager:TagResource", "secretsmanager:UntagResource",
        "secretsmanager:GetResourcePolicy", "secretsmanager:PutResourcePolicy", "secretsmanager:DeleteResourcePolicy",
        "secretsmanager:ValidateResourcePolicy", "secretsmanager:ListSecretVersionIds",
    ];

    private readonly List<string> _readerArns = [];
    private readonly IReadOnlyList<string> _managerArns;
    private readonly PolicyStatement _denyOthers;

    public SecretAccessPolicy(ISecret secret, SecretAccessPolicyProps props)
    {
        if (props.RotationFunctionName is { } name && (name.Length is 0 or > 64 || name.Contains('*') || name.Contains('?')))
        {
            throw new ArgumentException(
                $"SecretAccessPolicyProps.RotationFunctionName '{name}' is not a Lambda function name (1-64 characters, no wildcards).");
        }

        Secret = secret;
        _managerArns = props.ManagerArns.ToArray();
        _denyOthers = new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyAllButNamedPrincipals",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ValueActions.ToArray(),
            Resources = ["*"],
        });
        if (props.RotationFunctionName is not null)
        {
            _denyOthers.AddCondition("StringNotLike", new Dictionary<string, object> { ["aws:userid"] = $"*:{props.RotationFunctionName}" });
        }

        UpdateExemptions();
        secret.AddToResourcePolicy(_denyOthers);
        if (props.RotationFunctionName is not null)
        {
            // IAM-08 wants the Deny's only exemption to be named role ARNs; the rotation function's role has none to name.
            RampartSuppressions.Add(ResourcePolicyOf(secret), "IAM-08",
                "AWS limit: a hosted rotation function's role is created by the Secrets Manager rotation transform in its own nested stack "
                + "(AWS::SecretsManager::RotationSchedule HostedRotationLambda takes no role), so the Deny cannot name its ARN; "
                + "it exempts the rotation function by its Lambda session name (aws:userid *:<function name>) instead");
        }

        secret.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyWithoutTls",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = AllActions.ToArray(),
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
            },
        }));
    }

    /// <summary>The secret the policy protects.</summary>
    public ISecret Secret { get; }

    /// <summary>Admits one more reader (its identity policy must allow it as well).</summary>
    public void AllowReader(IRole reader)
    {
        _readerArns.Add(reader.RoleArn);
        UpdateExemptions();
    }

    private static CfnResource ResourcePolicyOf(ISecret secret) =>
        secret.Node.TryFindChild("Policy")?.Node.DefaultChild as CfnResource
        ?? throw new InvalidOperationException($"{secret.Node.Path} has no resource policy: IAM-08 cannot be met.");

    private void UpdateExemptions()
    {
        var exempt = _readerArns.Concat(_managerArns).ToArray();
        if (exempt.Length > 0)
        {
            _denyOthers.AddCondition("ArnNotEquals", new Dictionary<string, object> { ["aws:PrincipalArn"] = exempt });
        }
    }
}
