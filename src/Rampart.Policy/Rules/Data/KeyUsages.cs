namespace Rampart.Policy.Rules.Data;

/// <summary>One use of a KMS key of the template: which service uses it, through which resource and property.</summary>
public sealed record KeyUsage(string KeyLogicalId, string Service, string ResourceLogicalId, string Path);

/// <summary>
/// Which services use which KMS key of a template, read from the properties through which services name their key
/// (<c>KmsKeyId</c>, <c>KMSMasterKeyID</c>, <c>KmsKey</c>, <c>KmsMasterKeyId</c>, <c>KMSKeyId</c>...). A property
/// names a key by <c>!Ref</c>/<c>!GetAtt</c>, through an alias of the template, or inside an ARN built with
/// <c>Fn::Join</c>/<c>Fn::Sub</c> (see <see cref="Keys.ReferencedKey"/>). Key policies and IAM grants are not uses:
/// they say who may use a key, not which data it protects.
/// </summary>
public static class KeyUsages
{
    /// <summary>(resource type, property path, service): the service name is the last segment of the seed's alias pattern.</summary>
    private static readonly (string Type, string Path, string Service)[] KeyProperties =
    [
        ("AWS::RDS::DBInstance", "KmsKeyId", "rds"),
        ("AWS::RDS::DBInstance", "PerformanceInsightsKMSKeyId", "rds"),
        ("AWS::RDS::DBCluster", "KmsKeyId", "rds"),
        ("AWS::RDS::DBCluster", "PerformanceInsightsKmsKeyId", "rds"),
        ("AWS::RDS::DBInstance", "MasterUserSecret.KmsKeyId", "secrets"),
        ("AWS::RDS::DBCluster", "MasterUserSecret.KmsKeyId", "secrets"),
        ("AWS::SecretsManager::Secret", "KmsKeyId", "secrets"),
        ("AWS::S3::Bucket", "BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.KMSMasterKeyID", "s3"),
        ("AWS::Logs::LogGroup", "KmsKeyId", "logs"),
        ("AWS::ECR::Repository", "EncryptionConfiguration.KmsKey", "ecr"),
        ("AWS::EC2::Volume", "KmsKeyId", "ebs"),
        ("AWS::EC2::Instance", "BlockDeviceMappings[*].Ebs.KmsKeyId", "ebs"),
        ("AWS::EC2::LaunchTemplate", "LaunchTemplateData.BlockDeviceMappings[*].Ebs.KmsKeyId", "ebs"),
        ("AWS::SNS::Topic", "KmsMasterKeyId", "sns"),
        ("AWS::SQS::Queue", "KmsMasterKeyId", "sqs"),
        ("AWS::CloudTrail::Trail", "KMSKeyId", "cloudtrail"),
        ("AWS::DynamoDB::Table", "SSESpecification.KMSMasterKeyId", "dynamodb"),
        ("AWS::EFS::FileSystem", "KmsKeyId", "efs"),
        ("AWS::Kinesis::Stream", "StreamEncryption.KeyId", "kinesis"),
        ("AWS::ElastiCache::ReplicationGroup", "KmsKeyId", "elasticache"),
        ("AWS::OpenSearchService::Domain", "EncryptionAtRestOptions.KmsKeyId", "opensearch"),
        ("AWS::ECS::Cluster", "Configuration.ExecuteCommandConfiguration.KmsKeyId", "ecs"),
        ("AWS::Lambda::Function", "KmsKeyArn", "lambda"),
    ];

    /// <summary>Read once per template: every key rule and resource asks the same question.</summary>
    private static readonly TemplateIndex<ILookup<string, KeyUsage>> ByKey = new(static t => Of(t).ToLookup(u => u.KeyLogicalId, StringComparer.Ordinal));

    /// <summary>The uses of one key of the template.</summary>
    public static IEnumerable<KeyUsage> OfKey(TemplateContext template, string keyLogicalId) =>
        ByKey.Of(template)[keyLogicalId];

    /// <summary>Every use of every key of the template, in the order of <see cref="KeyProperties"/>.</summary>
    public static IEnumerable<KeyUsage> Of(TemplateContext template)
    {
        foreach (var (type, path, service) in KeyProperties)
        {
            foreach (var resource in template.OfType(type))
            {
                foreach (var value in resource.Get(path))
                {
                    if (Keys.ReferencedKey(template, value) is { } key)
                    {
                        yield return new KeyUsage(key, service, resource.LogicalId, value.Path);
                    }
                }
            }
        }
    }
}
