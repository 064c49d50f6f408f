namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-03: every secret is encrypted with a customer-managed KMS key: <c>KmsKeyId</c> on each
/// <c>AWS::SecretsManager::Secret</c> (and on each of its <c>ReplicaRegions</c>), and <c>MasterUserSecret.KmsKeyId</c>
/// on RDS instances and clusters whose password RDS manages. Accepted: a key or alias of the template, a key ID or
/// ARN, an alias other than <c>alias/aws/...</c>. Absent means the AWS managed <c>aws/secretsmanager</c> key.
/// </summary>
public sealed class SecretsUseCustomerManagedKeysRule : IResourceRule
{
    private const string AwsManagedKey = "aws/secretsmanager";

    public RuleMetadata Metadata { get; } = new(
        "SEC-03",
        "Every secret is encrypted with a customer-managed KMS key",
        Severity.Medium,
        SeedSection.Secrets,
        [FrameworkReference.Config("secretsmanager-using-cmk")],
        new Remediation(
            CloudFormation: "Set KmsKeyId: !Ref SecretsKey (an AWS::KMS::Key with rotation on) on each AWS::SecretsManager::Secret and on each ReplicaRegions entry; on RDS with ManageMasterUserPassword set MasterUserSecret: {KmsKeyId: !Ref SecretsKey}.",
            Cdk: "new secretsmanager.Secret(..., {encryptionKey: secretsKey}); rds.Credentials.fromGeneratedSecret(user, {encryptionKey: secretsKey}); for manageMasterUserPassword set masterUserSecret.kmsKeyId through the L1."))
    {
        SeedText = "KMS Key Usage Patterns: Application-specific keys: Separate keys per application/environment; Access control: Resource-based key policies with conditions.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [SecretLinks.SecretType, SecretLinks.DbInstanceType, SecretLinks.DbClusterType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        if (resource.Type == SecretLinks.SecretType)
        {
            foreach (var key in resource.Get("KmsKeyId"))
            {
                if (CustomerManagedKeys.Problem(resource, key, AwsManagedKey) is { } problem)
                {
                    yield return resource.Fail(key, problem.Problem) with { Proven = problem.Proven };
                }
            }

            foreach (var replica in resource.Get("ReplicaRegions[*]"))
            {
                foreach (var key in resource.Get(replica, "KmsKeyId"))
                {
                    if (CustomerManagedKeys.Problem(resource, key, AwsManagedKey) is { } problem)
                    {
                        var region = resource.Get(replica, "Region").First().AsString() ?? "a replica region";
                        yield return resource.Fail(key, $"its replica in {region} {problem.Problem}", region) with { Proven = problem.Proven };
                    }
                }
            }

            yield break;
        }

        foreach (var managed in resource.Get("ManageMasterUserPassword").Where(m => m.AsBoolean() == true))
        {
            foreach (var key in resource.Get("MasterUserSecret.KmsKeyId"))
            {
                if (managed.Guard.And(key.Guard) is { } guard && CustomerManagedKeys.Problem(resource, key, AwsManagedKey) is { } problem)
                {
                    yield return resource.Fail(key, $"keeps its RDS-managed master password in a secret that {problem.Problem}") with { Proven = problem.Proven, Guard = guard };
                }
            }
        }
    }
}
