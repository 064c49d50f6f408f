using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// Customer-managed keys of the monitoring services (DATA-06): one key per service, rotation on, the alias
/// <c>alias/&lt;application&gt;/&lt;environment&gt;/&lt;service&gt;</c>, and a key policy that keeps administration
/// (the account, through IAM) apart from use (named services and roles, each with conditions; IAM-09).
/// </summary>
internal static class ServiceKeys
{
    // The administration half of AWS's default key policy, spelt out without kms:CreateGrant or any
    // cryptographic action, so that administering a key never lets anyone read what it protects.
    private static readonly string[] AdministrationActions =
    [
        "kms:CreateAlias",
        "kms:UpdateAlias",
        "kms:DeleteAlias",
        "kms:DescribeKey",
        "kms:EnableKey",
        "kms:DisableKey",
        "kms:EnableKeyRotation",
        "kms:DisableKeyRotation",
        "kms:GetKeyRotationStatus",
        "kms:RotateKeyOnDemand",
        "kms:ListKeyRotations",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:ListKeyPolicies",
        "kms:ListGrants",
        "kms:RevokeGrant",
        "kms:ListResourceTags",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateKeyDescription",
        "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion",
    ];

    /// <summary>Creates a rotating key whose policy only lets the account administer it.</summary>
    public static Key Create(Construct scope, string id, string alias, string description)
    {
        var policy = new PolicyDocument();
        policy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "KeyAdministrationThroughIam",
            Principals = [new AccountRootPrincipal()],
            Actions = AdministrationActions,
            Resources = ["*"],
        }));

        return new Key(scope, id, new KeyProps
        {
            Alias = alias,
            Description = description,
            EnableKeyRotation = true,
            Policy = policy,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    /// <summary>Lets an AWS service principal use the key under the given conditions.</summary>
    public static void AllowService(IKey key, string sid, string servicePrincipal, string[] actions, IDictionary<string, object> conditions) =>
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ServicePrincipal(servicePrincipal)],
            Actions = actions,
            Resources = ["*"],
            Conditions = conditions,
        }));

    /// <summary>Lets one role of this construct use the key (the key policy names it: there is no IAM delegation for use).</summary>
    public static void AllowRole(IKey key, string sid, IRole role, params string[] actions) =>
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ArnPrincipal(role.RoleArn)],
            Actions = actions,
            Resources = ["*"],
        }));

    /// <summary>Lets CloudWatch Logs encrypt the log groups of this account and region (DATA-07).</summary>
    public static void AllowCloudWatchLogs(IKey key)
    {
        var stack = Stack.Of(key);
        AllowService(
            key,
            "CloudWatchLogsEncryptsThisAccountsLogGroups",
            $"logs.{stack.Region}.amazonaws.com",
            ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:*",
                },
            });
    }
}
