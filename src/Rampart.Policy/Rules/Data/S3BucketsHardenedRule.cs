using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-05: S3 buckets use SSE-KMS with a customer-managed key, block public access, have a bucket policy denying
/// requests without TLS, versioning, server access logs, and grant no public read or write (ACL or policy). One
/// finding per aspect, keyed <c>encryption</c>, <c>public-access-block</c>, <c>tls-policy</c>, <c>versioning</c>,
/// <c>access-logs</c>, <c>public-acl</c>, <c>public-policy</c> (the last on the bucket policy's statement).
/// </summary>
/// <remarks>
/// A bucket without <c>PublicAccessBlockConfiguration</c> gets all four blocks: S3 turns them on for every new
/// bucket since April 2023. A written configuration must set all four to true (an unset flag is false). A bucket that
/// receives another bucket's server access logs is exempt from logging itself (see <see cref="Buckets.IsAccessLogTarget"/>).
/// ALB access-log buckets cannot use SSE-KMS: that is a suppression with its reason, not an exception here.
/// </remarks>
public sealed class S3BucketsHardenedRule : IResourceRule
{
    private static readonly string[] PublicAccessBlocks = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"];

    private static readonly HashSet<string> PublicAcls = new(StringComparer.OrdinalIgnoreCase) { "PublicRead", "PublicReadWrite", "AuthenticatedRead" };

    public RuleMetadata Metadata { get; } = new(
        "DATA-05",
        "S3 buckets: SSE-KMS, public access blocked, TLS-only policy, versioning, access logs, no public read or write",
        Severity.High,
        SeedSection.Data,
        [FrameworkReference.Fsbp("S3.2"), FrameworkReference.Fsbp("S3.3"), FrameworkReference.Fsbp("S3.5"), FrameworkReference.Fsbp("S3.8"),
            FrameworkReference.Fsbp("S3.9"), FrameworkReference.Fsbp("S3.14"), FrameworkReference.Fsbp("S3.17"),
            FrameworkReference.Config("s3-bucket-public-write-prohibited"), FrameworkReference.Config("s3-bucket-public-read-prohibited"),
            FrameworkReference.Config("s3-bucket-ssl-requests-only"), FrameworkReference.Config("s3-default-encryption-kms")],
        new Remediation(
            CloudFormation: "On the AWS::S3::Bucket set BucketEncryption (SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt S3Key.Arn), PublicAccessBlockConfiguration with all four flags true, VersioningConfiguration.Status: Enabled, LoggingConfiguration.DestinationBucketName, no public AccessControl; add an AWS::S3::BucketPolicy with a Deny of s3:* to Principal \"*\" when aws:SecureTransport is false, and no unconditioned Allow to \"*\".",
            Cdk: "new Bucket(this, \"Data\", new BucketProps { Encryption = BucketEncryption.KMS, EncryptionKey = keys.For(KeyService.S3), BlockPublicAccess = BlockPublicAccess.BLOCK_ALL, EnforceSSL = true, Versioned = true, ServerAccessLogsBucket = accessLogs }); never grantPublicAccess()."))
    {
        SeedText = "Encryption at Rest: S3 Buckets: Server-side encryption with KMS. Resource-Based Access Patterns: S3 Buckets: Bucket policies with IP and role restrictions.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Buckets.BucketType, Buckets.BucketPolicyType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        resource.Type == Buckets.BucketPolicyType
            ? PublicPolicyViolations(resource)
            : EncryptionViolations(resource)
                .Concat(PublicAccessBlockViolations(resource))
                .Concat(TlsPolicyViolations(resource))
                .Concat(VersioningViolations(resource))
                .Concat(AccessLogViolations(resource))
                .Concat(PublicAclViolations(resource));

    private static IEnumerable<Violation> EncryptionViolations(ResourceContext bucket)
    {
        foreach (var encryption in bucket.Get("BucketEncryption"))
        {
            if (encryption.IsAbsent)
            {
                yield return bucket.Fail(encryption, "bucket has no BucketEncryption, so objects get S3-managed keys (SSE-S3): use SSE-KMS with a customer-managed key", "encryption");
                continue;
            }

            foreach (var byDefault in bucket.Get(encryption, "ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault"))
            {
                foreach (var algorithm in bucket.Get(byDefault, "SSEAlgorithm"))
                {
                    switch (algorithm.AsString()?.ToLowerInvariant())
                    {
                        case "aws:kms" or "aws:kms:dsse":
                            foreach (var key in bucket.Get(byDefault, "KMSMasterKeyID"))
                            {
                                if (algorithm.Guard.And(key.Guard) is { } guard
                                    && Keys.RequireCustomerManaged(bucket, key, "bucket encryption", "uses the AWS-managed key aws/s3 (KMSMasterKeyID is not set)", "encryption") is { } violation)
                                {
                                    yield return violation with { Guard = guard };
                                }
                            }

                            break;
                        case "aes256":
                            yield return bucket.Fail(algorithm, "bucket encrypts with S3-managed keys (AES256): use aws:kms with a customer-managed key", "encryption");
                            break;
                        default:
                            yield return bucket.Fail(algorithm, $"bucket has SSEAlgorithm {algorithm.Describe()}: it must be aws:kms", "encryption");
                            break;
                    }
                }
            }
        }
    }

    private static IEnumerable<Violation> PublicAccessBlockViolations(ResourceContext bucket)
    {
        foreach (var configuration in bucket.Get("PublicAccessBlockConfiguration").Where(c => !c.IsAbsent))
        {
            foreach (var flag in PublicAccessBlocks)
            {
                foreach (var value in bucket.Get(configuration, flag))
                {
                    var message = value.AsBoolean() switch
                    {
                        true => null,
                        false => $"bucket turns {flag} off",
                        null when value.IsAbsent => $"bucket's PublicAccessBlockConfiguration does not set {flag}, which is then false",
                        null => $"bucket has {flag} {value.Describe()}: it must be true",
                    };
                    if (message is not null)
                    {
                        yield return bucket.Fail(value, message, "public-access-block");
                    }
                }
            }
        }
    }

    private static IEnumerable<Violation> TlsPolicyViolations(ResourceContext bucket)
    {
        var policies = Buckets.PoliciesOf(bucket).ToList();
        var verdicts = policies.Select(policy => (Policy: policy, Denies: DeniesInsecureTransport(policy))).ToList();
        var denying = verdicts.Where(v => v.Denies == true).Select(v => v.Policy).ToList();
        if (denying.Any(p => p.Guard.IsAlways))
        {
            yield break;
        }

        const string Requirement = "a bucket policy must Deny s3:* to Principal \"*\" when aws:SecureTransport is false";
        if (denying.FirstOrDefault() is { } conditional)
        {
            // The only denying policy exists under a condition: the bucket accepts plain HTTP when it does not.
            var violation = bucket.Fail($"bucket's TLS-only policy {conditional.LogicalId} exists only under a condition: {Requirement}", "tls-policy");
            var literal = conditional.Guard.Literals.Count == 1 ? conditional.Guard.Literals.First() : (KeyValuePair<string, bool>?)null;
            yield return literal is { } only && bucket.Guard.And(only.Key, !only.Value) is { } negated ? violation with { Guard = negated } : violation;
            yield break;
        }

        yield return verdicts.Any(v => v.Denies is null)
            ? bucket.Fail($"bucket's policy cannot be fully resolved, so a TLS-only statement cannot be confirmed: {Requirement}", "tls-policy") with { Proven = false }
            : bucket.Fail(policies.Count == 0
                ? $"bucket accepts requests without TLS: it has no bucket policy, and {Requirement}"
                : $"bucket accepts requests without TLS: its policy {policies[0].LogicalId} has no statement denying them; {Requirement}", "tls-policy");
    }

    /// <summary>True when a statement of the policy denies everyone every S3 action without TLS; null when that depends on unresolved values.</summary>
    private static bool? DeniesInsecureTransport(ResourceContext policy)
    {
        var unknown = false;
        foreach (var document in policy.Get("PolicyDocument"))
        {
            if (document.Kind != ValueKind.Mapping)
            {
                unknown = true;
                continue;
            }

            foreach (var statement in Policies.Statements(policy, document))
            {
                if (statement.IsUnknown)
                {
                    unknown = true;
                    continue;
                }

                if (!Policies.HasEffect(policy, statement, "Deny"))
                {
                    continue;
                }

                var everyone = policy.Get(statement, "Principal").All(p => p.AsString() == "*"
                    || (p.Kind == ValueKind.Mapping && policy.Get(p, "AWS").All(a => a.AsString() == "*")));
                var allActions = AllValues(policy, statement, "Action").Any(a => a.AsString() is "*" or "s3:*");
                var secureTransportFalse = AllValues(policy, statement, "Condition.Bool.aws:SecureTransport")
                    .Concat(AllValues(policy, statement, "Condition.BoolIfExists.aws:SecureTransport"))
                    .Any(v => v.AsBoolean() == false);
                if (everyone && allActions && secureTransportFalse)
                {
                    return true;
                }

                unknown |= policy.Get(statement, "Condition").Any(c => c.IsUnknown) || policy.Get(statement, "Action").Any(a => a.IsUnknown);
            }
        }

        return unknown ? null : false;
    }

    /// <summary>A value and, when it is a list, its items.</summary>
    private static IEnumerable<Resolved> AllValues(ResourceContext resource, Resolved from, string path) =>
        resource.Get(from, path).SelectMany(v => v.Kind == ValueKind.Sequence ? resource.Get(v, "[*]") : [v]);

    private static IEnumerable<Violation> VersioningViolations(ResourceContext bucket)
    {
        foreach (var status in bucket.Get("VersioningConfiguration.Status"))
        {
            var text = status.AsString();
            if (string.Equals(text, "Enabled", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return bucket.Fail(status, text is not null
                ? $"bucket versioning is {text}: overwritten and deleted objects cannot be recovered"
                : status.IsAbsent
                    ? "bucket is not versioned (VersioningConfiguration.Status is not set): overwritten and deleted objects cannot be recovered"
                    : $"bucket has versioning status {status.Describe()}: it must be Enabled", "versioning");
        }
    }

    private static IEnumerable<Violation> AccessLogViolations(ResourceContext bucket)
    {
        foreach (var logging in bucket.Get("LoggingConfiguration"))
        {
            if (logging.IsAbsent && !Buckets.IsAccessLogTarget(bucket))
            {
                yield return bucket.Fail(logging, "bucket has no server access logs (LoggingConfiguration): requests to it leave no record", "access-logs");
            }
        }
    }

    private static IEnumerable<Violation> PublicAclViolations(ResourceContext bucket)
    {
        foreach (var acl in bucket.Get("AccessControl"))
        {
            if (acl.AsString() is { } text && PublicAcls.Contains(text))
            {
                yield return bucket.Fail(acl, $"bucket's canned ACL {text} opens it to {(text.Equals("AuthenticatedRead", StringComparison.OrdinalIgnoreCase) ? "every AWS account" : "everyone")}", "public-acl");
            }
            else if (acl.IsUnknown)
            {
                yield return bucket.Fail(acl, $"bucket's AccessControl cannot be resolved ({acl.Describe()}): it must not be public", "public-acl");
            }
        }
    }

    private static IEnumerable<Violation> PublicPolicyViolations(ResourceContext policy)
    {
        foreach (var document in policy.Get("PolicyDocument"))
        {
            if (document.Kind != ValueKind.Mapping)
            {
                if (!document.IsAbsent)
                {
                    yield return policy.Unprovable(document, "bucket policy is a JSON string or cannot be resolved: it cannot be checked for public access", "public-policy");
                }

                continue;
            }

            foreach (var statement in Policies.Statements(policy, document))
            {
                if (!Policies.MayHaveEffect(policy, statement, "Allow") || Policies.HasCondition(policy, statement))
                {
                    continue;
                }

                foreach (var principal in Policies.EveryonePrincipals(policy, statement))
                {
                    yield return policy.Fail(principal, $"bucket policy allows everyone ({principal.Describe()}) without a condition: the bucket is public", "public-policy");
                }
            }
        }
    }
}
