using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>Reading S3 buckets and their bucket policies, shared by the DATA rules.</summary>
public static class Buckets
{
    public const string BucketType = "AWS::S3::Bucket";
    public const string BucketPolicyType = "AWS::S3::BucketPolicy";

    /// <summary>Who refers to which bucket, read once per template (every bucket asks).</summary>
    private static readonly TemplateIndex<BucketIndex> Indexes = new(BucketIndex.Build);

    /// <summary>The bucket policies of the template whose <c>Bucket</c> is this bucket (<c>!Ref</c> it, or its written name).</summary>
    public static IEnumerable<ResourceContext> PoliciesOf(ResourceContext bucket)
    {
        var index = Indexes.Of(bucket.Template);
        return index.Policies[bucket.LogicalId].Concat(KnownName(bucket) is { } name ? index.Policies[NameKey(name)] : []).Distinct();
    }

    /// <summary>
    /// True when another bucket of the template sends its server access logs here
    /// (<c>LoggingConfiguration.DestinationBucketName</c>): a log bucket cannot log into itself without logging its own
    /// log deliveries forever, and logging it elsewhere only moves the question.
    /// </summary>
    public static bool IsAccessLogTarget(ResourceContext bucket)
    {
        var index = Indexes.Of(bucket.Template);
        return index.LogSources[bucket.LogicalId].Concat(KnownName(bucket) is { } name ? index.LogSources[NameKey(name)] : [])
            .Any(source => source != bucket.LogicalId);
    }

    /// <summary>The bucket's written <c>BucketName</c>, when known.</summary>
    public static string? KnownName(ResourceContext bucket) => bucket.Get("BucketName").Select(n => n.AsString()).FirstOrDefault(n => n is not null);

    /// <summary>Index keys: a logical ID as is, a bucket name prefixed so the two cannot collide.</summary>
    private static string NameKey(string name) => "name:" + name;

    private static IEnumerable<string> Targets(Resolved target) =>
        target.ReferencedLogicalId is { } id ? [id] : target.AsString() is { } name ? [NameKey(name)] : [];

    /// <summary>Bucket policies by the bucket they name; buckets by the bucket they send access logs to.</summary>
    private sealed record BucketIndex(ILookup<string, ResourceContext> Policies, ILookup<string, string> LogSources)
    {
        public static BucketIndex Build(TemplateContext template) => new(
            template.OfType(BucketPolicyType)
                .SelectMany(policy => policy.Get("Bucket").SelectMany(Targets).Select(target => (target, policy)))
                .ToLookup(p => p.target, p => p.policy, StringComparer.Ordinal),
            template.OfType(BucketType)
                .SelectMany(source => source.Get("LoggingConfiguration.DestinationBucketName").SelectMany(Targets).Select(target => (target, source.LogicalId)))
                .ToLookup(p => p.target, p => p.LogicalId, StringComparer.Ordinal));
    }
}
