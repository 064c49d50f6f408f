using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>Reading S3 buckets and their bucket policies, shared by the DATA rules.</summary>
public static class Buckets
{
    public const string BucketType = "AWS::S3::Bucket";
    public const string BucketPolicyType = "AWS::S3::BucketPolicy";

    /// <summary>The bucket policies of the template whose <c>Bucket</c> is this bucket (<c>!Ref</c> it, or its written name).</summary>
    public static IEnumerable<ResourceContext> PoliciesOf(ResourceContext bucket)
    {
        var name = KnownName(bucket);
        return bucket.Template.OfType(BucketPolicyType)
            .Where(policy => policy.Get("Bucket").Any(target => NamesBucket(target, bucket.LogicalId, name)));
    }

    /// <summary>
    /// True when another bucket of the template sends its server access logs here
    /// (<c>LoggingConfiguration.DestinationBucketName</c>): a log bucket cannot log into itself without logging its own
    /// log deliveries forever, and logging it elsewhere only moves the question.
    /// </summary>
    public static bool IsAccessLogTarget(ResourceContext bucket)
    {
        var name = KnownName(bucket);
        return bucket.Template.OfType(BucketType)
            .Where(other => other.LogicalId != bucket.LogicalId)
            .Any(other => other.Get("LoggingConfiguration.DestinationBucketName").Any(target => NamesBucket(target, bucket.LogicalId, name)));
    }

    /// <summary>The bucket's written <c>BucketName</c>, when known.</summary>
    public static string? KnownName(ResourceContext bucket) => bucket.Get("BucketName").Select(n => n.AsString()).FirstOrDefault(n => n is not null);

    private static bool NamesBucket(Resolved target, string logicalId, string? name) =>
        target.ReferencedLogicalId == logicalId || (name is not null && target.AsString() == name);
}
