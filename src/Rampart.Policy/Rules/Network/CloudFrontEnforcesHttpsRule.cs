using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-15: CloudFront distributions
/// <list type="bullet">
/// <item>serve viewers over HTTPS only: <c>ViewerProtocolPolicy</c> <c>redirect-to-https</c> or <c>https-only</c> on the
/// default and every cache behavior;</item>
/// <item>enforce TLS 1.2: a custom certificate (<c>AcmCertificateArn</c> or <c>IamCertificateId</c>) with
/// <c>MinimumProtocolVersion</c> TLSv1.2_2021, TLSv1.2_2025 or TLSv1.3_2025. With the default
/// <c>*.cloudfront.net</c> certificate CloudFront accepts TLSv1 whatever the minimum says, and with a custom
/// certificate the minimum defaults to TLSv1;</item>
/// <item>reach custom origins over HTTPS: <c>OriginProtocolPolicy</c> <c>https-only</c>, or <c>match-viewer</c> when no
/// behavior lets viewers in over HTTP;</item>
/// <item>log requests: <c>DistributionConfig.Logging</c> (standard logs), or an <c>AWS::Logs::DeliverySource</c> for
/// the distribution (standard logging v2).</item>
/// </list>
/// </summary>
public sealed class CloudFrontEnforcesHttpsRule : IResourceRule
{
    private static readonly string[] AcceptedMinimums = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

    public RuleMetadata Metadata { get; } = new(
        "NET-15",
        "CloudFront serves viewers over HTTPS with TLS 1.2 (TLSv1.2_2021+), reaches origins over HTTPS and logs requests",
        Severity.High,
        SeedSection.Network,
        [FrameworkReference.Fsbp("CloudFront.3"), FrameworkReference.Fsbp("CloudFront.5"), FrameworkReference.Fsbp("CloudFront.7"), FrameworkReference.Fsbp("CloudFront.9"), FrameworkReference.Config("cloudfront-traffic-to-origin-encrypted"), FrameworkReference.Config("cloudfront-accesslogs-enabled"), FrameworkReference.Config("cloudfront-custom-ssl-certificate")],
        new Remediation(
            CloudFormation: "In DistributionConfig: ViewerProtocolPolicy: redirect-to-https on DefaultCacheBehavior and every CacheBehaviors item; ViewerCertificate: { AcmCertificateArn: <us-east-1 ACM ARN>, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 } with Aliases; CustomOriginConfig.OriginProtocolPolicy: https-only; Logging: { Bucket: <bucket>.s3.amazonaws.com }.",
            Cdk: "new Distribution(..., { defaultBehavior: { viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, origin: new LoadBalancerV2Origin(alb, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }) }, domainNames, certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021, enableLogging: true, logBucket })."))
    {
        SeedText = "Everything in transit is TLS 1.2+: viewer to CloudFront, CloudFront to ALB.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [WebAclProtectsEntryRule.DistributionType];

    public IEnumerable<Violation> Evaluate(ResourceContext distribution)
    {
        // (behavior name for the finding's key, its viewer protocol policy)
        var viewerPolicies = distribution.Get("DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy").Select(p => (Behavior: "default", Policy: p))
            .Concat(distribution.Get("DistributionConfig.CacheBehaviors[*]").SelectMany(b => distribution.Get(b, "ViewerProtocolPolicy")
                .Select(p => (Behavior: distribution.Get(b, "PathPattern").FirstOrDefault()?.AsString() ?? "behavior", Policy: p))))
            .ToList();
        var allowsHttp = false;
        foreach (var (behavior, policy) in viewerPolicies)
        {
            var where = behavior == "default" ? "its default behavior" : $"path {behavior}";
            switch (policy.AsString())
            {
                case "redirect-to-https" or "https-only":
                    break;
                case null when policy.IsUnknown:
                    allowsHttp = true;
                    yield return distribution.Fail(policy, $"sets the viewer protocol policy of {where} by {Resources.Name(policy)}", "viewer-protocol:" + behavior);
                    break;
                default:
                    allowsHttp = true;
                    yield return distribution.Fail(policy, $"lets viewers of {where} in over plain HTTP (ViewerProtocolPolicy: {policy.Describe()}); use redirect-to-https or https-only", "viewer-protocol:" + behavior);
                    break;
            }
        }

        foreach (var violation in ViewerTls(distribution))
        {
            yield return violation;
        }

        foreach (var origin in distribution.Get("DistributionConfig.Origins[*]"))
        {
            foreach (var policy in distribution.Get(origin, "CustomOriginConfig.OriginProtocolPolicy"))
            {
                var text = policy.AsString();
                if (text == "https-only" || (text == "match-viewer" && !allowsHttp) || (policy.IsAbsent && distribution.Get(origin, "CustomOriginConfig").All(c => c.IsAbsent)))
                {
                    continue;
                }

                var id = distribution.Get(origin, "Id").FirstOrDefault()?.AsString() ?? "origin";
                yield return policy.IsUnknown
                    ? distribution.Fail(policy, $"reaches origin {id} with a protocol policy that cannot be resolved", "origin:" + id)
                    : distribution.Fail(policy, $"reaches origin {id} over plain HTTP (OriginProtocolPolicy: {policy.Describe()}); use https-only", "origin:" + id);
            }
        }

        foreach (var logging in distribution.Get("DistributionConfig.Logging"))
        {
            if (logging.IsAbsent && !HasLogDelivery(distribution))
            {
                yield return distribution.Fail(logging, "has no access logging (DistributionConfig.Logging): requests at the edge leave no trace", "logging");
            }
        }
    }

    private static IEnumerable<Violation> ViewerTls(ResourceContext distribution)
    {
        foreach (var certificate in distribution.Get("DistributionConfig.ViewerCertificate"))
        {
            if (certificate.IsAbsent)
            {
                yield return distribution.Fail(certificate, "uses the default *.cloudfront.net certificate (no ViewerCertificate), with which CloudFront accepts TLSv1; TLS 1.2 needs a custom domain and an ACM certificate in us-east-1", "viewer-tls");
                continue;
            }

            if (distribution.Get(certificate, "CloudFrontDefaultCertificate").FirstOrDefault(d => d.AsBoolean() == true) is { } useDefault)
            {
                yield return distribution.Fail(useDefault, "uses the default *.cloudfront.net certificate, with which CloudFront accepts TLSv1 whatever MinimumProtocolVersion says; TLS 1.2 needs a custom domain and an ACM certificate in us-east-1", "viewer-tls");
                continue;
            }

            foreach (var minimum in distribution.Get(certificate, "MinimumProtocolVersion"))
            {
                if (minimum.IsUnknown)
                {
                    yield return distribution.Fail(minimum, $"sets its minimum TLS version by {Resources.Name(minimum)}", "viewer-tls");
                }
                else if (minimum.IsAbsent)
                {
                    yield return distribution.Fail(minimum, "sets no MinimumProtocolVersion, so CloudFront accepts TLSv1; use TLSv1.2_2021 or newer", "viewer-tls");
                }
                else if (!AcceptedMinimums.Contains(minimum.AsString(), StringComparer.Ordinal))
                {
                    yield return distribution.Fail(minimum, $"accepts viewers on {minimum.Describe()}; the minimum must be TLSv1.2_2021 or newer", "viewer-tls");
                }
            }
        }
    }

    /// <summary>Standard logging v2: a delivery source whose <c>ResourceArn</c> is built from the distribution.</summary>
    private static bool HasLogDelivery(ResourceContext distribution) =>
        distribution.Template.OfType("AWS::Logs::DeliverySource").Any(source => source.Get("ResourceArn").Any(arn =>
            Resources.RefersTo(arn, distribution.LogicalId)
            || (arn.Kind == ValueKind.Unknown && arn.PartialText is { } text
                && (text.Contains("${Ref " + distribution.LogicalId + "}", StringComparison.Ordinal) || text.Contains("${" + distribution.LogicalId + ".", StringComparison.Ordinal)))));
}
