using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-05: identity policies carry the seed's condition keys where a template can tell they apply.
/// <list type="bullet">
/// <item><c>aws:RequestedRegion</c> on every Allow statement whose resource is <c>*</c>, <c>NotResource</c>, or a
/// wildcard ARN that names no region (<c>arn:aws:s3:::*</c>, <c>arn:aws:logs:*:*:*</c>): nothing else pins the grant
/// to the approved regions (an ARN with a region, even a wildcard one, does). Statements granting only actions of global
/// services (IAM, STS, Organizations, Route 53, CloudFront, ...) are exempt: their requests are not regional.</item>
/// <item><c>aws:SecureTransport</c> = true on every Allow statement that reads or writes S3 objects, unless each
/// of its buckets is one of the template's whose bucket policy denies requests with <c>aws:SecureTransport</c>
/// false. S3 is the one service in the seed's data path that also answers plain HTTP; Secrets Manager, SSM and
/// KMS only answer HTTPS, so the key would add nothing there.</item>
/// </list>
/// <c>aws:PrincipalTag</c> and <c>aws:CurrentTime</c> are not demanded: where they apply depends on an
/// organisation's tagging model and access windows, which no template states.
/// </summary>
public sealed class PolicyConditionsPresentRule : IResourceRule
{
    /// <summary>Services whose API requests are not regional: <c>aws:RequestedRegion</c> does not scope them.</summary>
    public static IReadOnlyList<string> GlobalServices { get; } =
        ["iam", "sts", "organizations", "account", "route53", "route53domains", "cloudfront", "waf", "shield", "support", "health", "budgets", "ce", "globalaccelerator"];

    private static readonly string[] ObjectDataActions = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"];

    public RuleMetadata Metadata { get; } = new(
        "IAM-05",
        "Policies carry aws:RequestedRegion on unscoped grants and aws:SecureTransport on S3 object access",
        Severity.Medium,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Add \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}} to statements on \"Resource\": \"*\", and \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}} to statements granting s3:GetObject/PutObject (or give the bucket a policy denying aws:SecureTransport false).",
            Cdk: "new PolicyStatement({..., conditions: {StringEquals: {\"aws:RequestedRegion\": [stack.region]}}}) for \"*\" grants; for buckets set enforceSSL: true (the bucket policy then denies plain HTTP) or add conditions: {Bool: {\"aws:SecureTransport\": \"true\"}}."))
    {
        SeedText = "All IAM policies should include relevant conditions: aws:RequestedRegion: Limit to approved regions; aws:SecureTransport: Require HTTPS/TLS; aws:PrincipalTag: Role-based access control; aws:CurrentTime: Time-based access restrictions.",
    };

    public IReadOnlyList<string> ResourceTypes => Policies.IdentityPolicyTypes;

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var statement in Policies.Statements(resource, PolicyKind.Identity))
        {
            if (!statement.MayAllow || statement.Value.IsUnknown)
            {
                continue;
            }

            var actions = statement.Actions.Select(a => (Value: a, Text: Actions.Text(a))).Where(a => a.Text is not null).ToList();
            if (actions.Count == 0 && !statement.HasNotAction)
            {
                continue;
            }

            var unscoped = statement.Resources.FirstOrDefault(r => statement.HasNotResource || (Arns.Scope(r) == ResourceScope.All && PinsNoRegion(r)));
            var regional = statement.HasNotAction || actions.Any(a => !GlobalServices.Contains(Actions.Service(a.Text!)));
            if (unscoped is not null && regional)
            {
                foreach (var violation in Require(statement, unscoped, "aws:RequestedRegion", c => c.Values.Count > 0 && c.Values.All(v => v.AsString() != "*"),
                    "grants on every resource without an aws:RequestedRegion condition: limit it to the approved regions"))
                {
                    yield return violation;
                }
            }

            var objectAccess = statement.HasNotAction ? null : actions.FirstOrDefault(a => Actions.GrantsAny(a.Text!, ObjectDataActions)).Value;
            if (objectAccess is not null && !AllBucketsDenyPlainHttp(statement))
            {
                foreach (var violation in Require(statement, objectAccess, "aws:SecureTransport", c => c.BaseOperator == "Bool" && !c.IfExists && c.HasBooleanValue(true),
                    "grants S3 object access without an aws:SecureTransport condition, and its buckets' policies do not deny plain HTTP"))
                {
                    yield return violation;
                }
            }
        }
    }

    /// <summary>True for <c>*</c> and for ARNs whose region is empty or a wildcard (<c>arn:aws:s3:::*</c>, <c>arn:aws:logs:*:*:*</c>).</summary>
    private static bool PinsNoRegion(Resolved resource) =>
        Arns.Text(resource) is not { } text || Arns.Region(text) is not { } region || region.Length == 0 || region.Contains('*', StringComparison.Ordinal);

    /// <summary>A violation for each condition alternative that lacks a clause on <paramref name="key"/> satisfying <paramref name="accepts"/>.</summary>
    private static IEnumerable<Violation> Require(PolicyStatement statement, Resolved trigger, string key, Func<ConditionClause, bool> accepts, string message)
    {
        foreach (var block in statement.ConditionBlocks)
        {
            if (block.IsUnknown)
            {
                yield return statement.Owner.Unprovable(block, $"{message} (the Condition cannot be resolved)", key);
                continue;
            }

            if (statement.Clauses(block).Any(c => c.IsKey(key) && accepts(c)))
            {
                continue;
            }

            if (block.Guard.And(trigger.Guard) is { } guard)
            {
                var at = block.IsAbsent ? trigger : block;
                yield return statement.Owner.Fail(at, message, key) with { Guard = guard, Proven = true };
            }
        }
    }

    /// <summary>True when every resource of the statement is a bucket of the template whose policy denies non-TLS requests.</summary>
    private static bool AllBucketsDenyPlainHttp(PolicyStatement statement)
    {
        var template = statement.Owner.Template;
        var resources = statement.Resources.ToList();
        return resources.Count > 0 && !statement.HasNotResource && resources.All(target =>
        {
            var buckets = Arns.ReferencedLogicalIds(target, template).Select(template.Find).Where(r => r?.Type == "AWS::S3::Bucket").ToList();
            return buckets.Count > 0 && buckets.All(bucket => DeniesPlainHttp(template, bucket!));
        });
    }

    private static bool DeniesPlainHttp(TemplateContext template, ResourceContext bucket) =>
        template.OfType(Policies.BucketPolicyType)
            .Where(policy => policy.Get("Bucket").Any(b => b.ReferencedLogicalId == bucket.LogicalId))
            .SelectMany(policy => Policies.Statements(policy, PolicyKind.Resource))
            .Any(statement => statement.IsDeny
                && statement.Principals().Any(p => p.IsEveryone)
                && statement.Actions.Any(a => Actions.Text(a) is { } text && Actions.GrantsAny(text, ObjectDataActions))
                && statement.ConditionBlocks.All(block => statement.Clauses(block).Any(c =>
                    c.IsKey("aws:SecureTransport") && c.BaseOperator == "Bool" && c.HasBooleanValue(false))));
}
