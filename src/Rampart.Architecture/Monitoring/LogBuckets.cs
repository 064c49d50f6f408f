using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// The monitoring section's buckets, hardened as DATA-05 asks: SSE-KMS, all four public access blocks,
/// TLS-only (1.2 and up), versioning, server access logs, ACLs disabled.
/// </summary>
internal static class LogBuckets
{
    /// <summary>
    /// The feature flag that makes the CDK admit S3 log delivery through a bucket policy (with source
    /// conditions) instead of the <c>LogDeliveryWrite</c> ACL. Set on the monitoring constructs' nodes.
    /// </summary>
    public const string ServerAccessLogsUseBucketPolicy = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    /// <summary>
    /// The bucket that receives S3 server access logs. It is encrypted with SSE-S3, not SSE-KMS: S3 server
    /// access logging only delivers to SSE-S3 buckets (the one documented deviation from DATA-05). It does
    /// not log its own access, which would loop.
    /// </summary>
    public static Bucket CreateAccessLogsBucket(Construct scope, string id) => new(scope, id, new BucketProps
    {
        Encryption = BucketEncryption.S3_MANAGED,
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        EnforceSSL = true,
        MinimumTLSVersion = 1.2,
        Versioned = true,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });

    /// <summary>The properties of a KMS-encrypted log bucket that logs its access to <paramref name="accessLogs"/>.</summary>
    public static BucketProps Hardened(IKey key, IBucket accessLogs, string accessLogPrefix, bool bucketKey = true) => new()
    {
        Encryption = BucketEncryption.KMS,
        EncryptionKey = key,
        BucketKeyEnabled = bucketKey,
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        EnforceSSL = true,
        MinimumTLSVersion = 1.2,
        Versioned = true,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        ServerAccessLogsBucket = accessLogs,
        ServerAccessLogsPrefix = accessLogPrefix,
        RemovalPolicy = RemovalPolicy.RETAIN,
    };
}
