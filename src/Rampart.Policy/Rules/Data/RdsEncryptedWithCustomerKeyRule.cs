namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-01: RDS storage is encrypted (<c>StorageEncrypted: true</c>) with a customer-managed KMS key (<c>KmsKeyId</c>).
/// Aurora instances inherit from their cluster, so the cluster is judged; read replicas follow their source. A
/// database restored from a snapshot without <c>StorageEncrypted</c> takes the snapshot's encryption: not proven.
/// Keys: <c>encryption</c>, <c>key</c>.
/// </summary>
public sealed class RdsEncryptedWithCustomerKeyRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "DATA-01",
        "RDS storage is encrypted with a customer-managed KMS key",
        Severity.High,
        SeedSection.Data,
        [FrameworkReference.Fsbp("RDS.3"), FrameworkReference.Fsbp("RDS.27"), FrameworkReference.Config("rds-storage-encrypted")],
        new Remediation(
            CloudFormation: "Set StorageEncrypted: true and KmsKeyId: !GetAtt RdsKey.Arn (a key of your own) on the AWS::RDS::DBInstance, or on the AWS::RDS::DBCluster for Aurora. Encryption cannot be turned on in place: restore an encrypted snapshot copy.",
            Cdk: "Pass storageEncrypted: true and storageEncryptionKey: keys.For(KeyService.Rds) to DatabaseInstance (storageEncryptionKey to DatabaseCluster)."))
    {
        SeedText = "Encryption at Rest: RDS Databases: AWS KMS encryption required.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Databases.InstanceType, Databases.ClusterType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        if (Databases.IsClusterMember(resource) || Databases.IsReadReplica(resource))
        {
            yield break;
        }

        var restored = resource.Get(Databases.IsCluster(resource) ? "SnapshotIdentifier" : "DBSnapshotIdentifier").Any(s => !s.IsAbsent);

        // Aurora Serverless v1 storage is always encrypted.
        var alwaysEncrypted = Databases.IsCluster(resource) && resource.Get("EngineMode").Any(m => string.Equals(m.AsString(), "serverless", StringComparison.OrdinalIgnoreCase));

        foreach (var encrypted in resource.Get("StorageEncrypted"))
        {
            switch (encrypted.AsBoolean())
            {
                case true:
                    break;
                case null when encrypted.IsAbsent && alwaysEncrypted:
                    break;
                case false:
                    yield return resource.Fail(encrypted, "database storage is not encrypted (StorageEncrypted is false)", "encryption");
                    continue;
                case null when encrypted.IsAbsent && restored:
                    yield return resource.Unprovable(encrypted, "database is restored from a snapshot without StorageEncrypted: its encryption is the snapshot's, which the template does not show", "encryption");
                    continue;
                case null when encrypted.IsAbsent:
                    yield return resource.Fail(encrypted, "database storage is not encrypted: StorageEncrypted is not set and defaults to false", "encryption");
                    continue;
                default:
                    yield return resource.Fail(encrypted, $"database has StorageEncrypted {encrypted.Describe()}: it must be true", "encryption");
                    continue;
            }

            foreach (var key in resource.Get("KmsKeyId"))
            {
                if (encrypted.Guard.And(key.Guard) is { } guard
                    && Keys.RequireCustomerManaged(resource, key, "database storage", "uses the AWS-managed key aws/rds (KmsKeyId is not set)", "key") is { } violation)
                {
                    yield return violation with { Guard = guard };
                }
            }
        }
    }
}
