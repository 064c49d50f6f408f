using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-08: TLS certificates come from ACM, which renews them. Load balancer listeners
/// (<c>Certificates[].CertificateArn</c>, classic <c>Listeners[].SSLCertificateId</c>) and CloudFront
/// (<c>ViewerCertificate.AcmCertificateArn</c>) must name an <c>AWS::CertificateManager::Certificate</c> of the
/// template or an <c>arn:...:acm:...</c> ARN; IAM server certificates (<c>AWS::IAM::ServerCertificate</c>,
/// <c>arn:aws:iam::...:server-certificate/...</c>, <c>IamCertificateId</c>) are reported. A certificate made by a
/// custom resource cannot be checked and is reported as not proven.
/// </summary>
public sealed class CertificatesFromAcmRule : IResourceRule
{
    private const string ListenerType = "AWS::ElasticLoadBalancingV2::Listener";
    private const string ListenerCertificateType = "AWS::ElasticLoadBalancingV2::ListenerCertificate";
    private const string ClassicLoadBalancerType = "AWS::ElasticLoadBalancing::LoadBalancer";
    private const string DistributionType = "AWS::CloudFront::Distribution";
    private const string ServerCertificateType = "AWS::IAM::ServerCertificate";

    public RuleMetadata Metadata { get; } = new(
        "SEC-08",
        "TLS certificates come from ACM",
        Severity.Medium,
        SeedSection.Secrets,
        [FrameworkReference.Fsbp("ELB.2"), FrameworkReference.Config("elb-acm-certificate-required")],
        new Remediation(
            CloudFormation: "Create an AWS::CertificateManager::Certificate (DNS validation) and set CertificateArn/AcmCertificateArn to !Ref it; remove AWS::IAM::ServerCertificate and IamCertificateId.",
            Cdk: "new acm.Certificate(..., {domainName, validation: acm.CertificateValidation.fromDns(zone)}) and pass it to listener certificates / the distribution's certificate."))
    {
        SeedText = "Certificates: Automatic renewal via ACM when possible; ALB to Client: TLS 1.2 minimum via ACM certificates.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [ListenerType, ListenerCertificateType, ClassicLoadBalancerType, DistributionType, ServerCertificateType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        IEnumerable<Resolved> certificates;
        switch (resource.Type)
        {
            case ServerCertificateType:
                yield return resource.Fail("uploads a certificate to IAM: IAM does not renew it and its private key passes through the template's tooling; use ACM");
                yield break;
            case DistributionType:
                foreach (var iam in resource.Get("DistributionConfig.ViewerCertificate.IamCertificateId").Where(v => !v.IsAbsent))
                {
                    yield return resource.Fail(iam, "serves viewers an IAM server certificate (IamCertificateId): use an ACM certificate in us-east-1 (AcmCertificateArn)") with { Proven = true };
                }

                certificates = resource.Get("DistributionConfig.ViewerCertificate.AcmCertificateArn");
                break;
            case ClassicLoadBalancerType:
                certificates = resource.Get("Listeners[*].SSLCertificateId");
                break;
            default:
                certificates = resource.Get("Certificates[*].CertificateArn");
                break;
        }

        foreach (var certificate in certificates.Where(c => !c.IsAbsent))
        {
            if (Problem(resource, certificate) is { } problem)
            {
                yield return resource.Fail(certificate, problem.Message) with { Proven = problem.Proven };
            }
        }
    }

    private static (string Message, bool Proven)? Problem(ResourceContext resource, Resolved certificate)
    {
        if (certificate.Kind == ValueKind.ResourceReference)
        {
            var target = resource.Follow(certificate);
            return target?.Type switch
            {
                "AWS::CertificateManager::Certificate" => null,
                ServerCertificateType => ($"uses the IAM server certificate {target.LogicalId}: use an ACM certificate", true),
                { } type when type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource"
                    => ($"uses a certificate made by the custom resource {target.LogicalId}: check it is issued by ACM", false),
                _ => ($"uses {certificate.Describe()}, which is not an ACM certificate", true),
            };
        }

        var text = Arns.Text(certificate);
        if (text is null || text.Trim(Arns.Placeholder).Length == 0)
        {
            return ($"uses a certificate that cannot be resolved ({Arns.Describe(certificate)}): check it is an ACM certificate", false);
        }

        if (Arns.Service(text) == "acm")
        {
            return null;
        }

        return text.Contains(":server-certificate/", StringComparison.Ordinal)
            ? ($"uses an IAM server certificate ({Arns.Describe(certificate)}): use an ACM certificate", true)
            : ($"uses {Arns.Describe(certificate)}, which is not an ACM certificate ARN", true);
    }
}
