using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-02: the bucket a trail delivers to blocks public access, logs access, and protects objects from
/// deletion (Object Lock, or a bucket policy that denies <c>s3:DeleteObject*</c>). The bucket is found by
/// reference or by name anywhere in the deployment (an audit account's stack in the same cloud assembly).
/// </summary>
public sealed class AuditBucketLockedDownRule : IDeploymentRule
{
    private const string BucketType = "AWS::S3::Bucket";

    public RuleMetadata Metadata { get; } = new(
        "MON-02",
        "The audit bucket is private, access-logged and protected from deletion",
        Severity.High,
        SeedSection.Monitoring,
        [FrameworkReference.Fsbp("CloudTrail.6"), FrameworkReference.Fsbp("CloudTrail.7")],
        new Remediation(
            CloudFormation: "On the trail's bucket: PublicAccessBlockConfiguration with all four settings true, LoggingConfiguration to an access-log bucket, and ObjectLockEnabled: true with a default retention (or an AWS::S3::BucketPolicy statement that denies s3:DeleteObject and s3:DeleteObjectVersion).",
            Cdk: "new Bucket(this, 'Audit', { blockPublicAccess: BlockPublicAccess.BLOCK_ALL, serverAccessLogsBucket, objectLockEnabled: true, objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(365)) })."))
    {
        SeedText = "Centralized logging to dedicated audit account.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        var trails = deployment.OfType(AuditTrailRule.TrailType).ToList();
        if (trails.Count == 0)
        {
            return null;
        }

        var violations = new List<Violation>();
        foreach (var trail in trails)
        {
            foreach (var name in trail.Get("S3BucketName"))
            {
                var bucket = FindBucket(deployment, trail, name);
                if (bucket is null)
                {
                    violations.Add(trail.Unprovable(name, $"the audit bucket {name.Describe()} is not in this deployment: scan the audit account's templates with it", "AuditBucket"));
                    continue;
                }

                violations.AddRange(Check(deployment, bucket));
            }
        }

        return violations;
    }

    private static ResourceContext? FindBucket(DeploymentContext deployment, ResourceContext trail, Resolved name)
    {
        if (name.Kind == ValueKind.ResourceReference)
        {
            return trail.Follow(name);
        }

        var text = name.AsString();
        return text is null
            ? null
            : deployment.OfType(BucketType).FirstOrDefault(b => b.Get("BucketName").Any(n => n.AsString() == text));
    }

    private static IEnumerable<Violation> Check(DeploymentContext deployment, ResourceContext bucket)
    {
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            foreach (var value in bucket.Get($"PublicAccessBlockConfiguration.{setting}").Where(v => v.AsBoolean() != true))
            {
                yield return bucket.Fail(value, $"audit bucket does not set {setting}: audit logs could be made public", setting);
            }
        }

        foreach (var value in bucket.Get("LoggingConfiguration").Where(v => v.IsAbsent))
        {
            yield return bucket.Fail(value, "audit bucket access is not logged (LoggingConfiguration is not set)", "AccessLogging");
        }

        var objectLock = Workloads.IsTrue(bucket.Get("ObjectLockEnabled"));
        if (!objectLock && !DeniesDeletion(deployment, bucket))
        {
            yield return bucket.Fail("audit logs can be deleted: enable Object Lock or deny s3:DeleteObject* in the bucket policy", "DeletionProtection");
        }
    }

    private static bool DeniesDeletion(DeploymentContext deployment, ResourceContext bucket)
    {
        foreach (var policy in deployment.OfType("AWS::S3::BucketPolicy"))
        {
            if (!policy.Get("Bucket").Any(b => b.ReferencedLogicalId == bucket.LogicalId || (b.AsString() is { } name && bucket.Get("BucketName").Any(n => n.AsString() == name))))
            {
                continue;
            }

            foreach (var statement in policy.Get("PolicyDocument.Statement[*]"))
            {
                if (policy.Get(statement, "Effect").Any(e => e.AsString() == "Deny")
                    && Workloads.Strings(policy, policy.Get(statement, "Action")).Any(a => a is "s3:DeleteObject" or "s3:DeleteObject*" or "s3:Delete*" or "s3:*"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
