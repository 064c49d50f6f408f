using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Constructs;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Secrets;

/// <summary>Inputs of <see cref="TlsCertificate"/>.</summary>
public sealed class TlsCertificateProps
{
    /// <summary>Where the certificate comes from. Default: issued by ACM, validated through DNS.</summary>
    public CertificateSource Source { get; init; } = CertificateSource.DnsValidated;

    /// <summary>The domain the certificate is for. Required for <see cref="CertificateSource.DnsValidated"/>.</summary>
    public string? DomainName { get; init; }

    /// <summary>The ARN of an ACM certificate of the stack's region. Required for <see cref="CertificateSource.Imported"/>.</summary>
    public string? CertificateArn { get; init; }
}

/// <summary>
/// The load balancer's TLS certificate, always from ACM (SEC-08): issued and renewed by ACM with DNS
/// validation, or an existing ACM certificate named by ARN. A DNS-validated certificate is issued
/// only once its validation CNAME record exists: without a Route 53 zone in the stack, the
/// deployment waits until someone creates the record ACM shows.
/// </summary>
public sealed partial class TlsCertificate : Construct
{
    public TlsCertificate(Construct scope, string id, TlsCertificateProps props)
        : base(scope, id)
    {
        switch (props.Source)
        {
            case CertificateSource.Imported:
                var arn = props.CertificateArn ?? throw new ArgumentException(
                    "TlsCertificateProps.CertificateArn is missing: an imported certificate needs the ARN of an ACM certificate (arn:aws:acm:<region>:<account>:certificate/<id>).");
                var match = AcmArn().Match(arn);
                if (!match.Success)
                {
                    throw new ArgumentException(
                        $"TlsCertificateProps.CertificateArn '{arn}' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>).");
                }

                var region = Stack.Of(this).Region;
                if (!Token.IsUnresolved(region) && match.Groups["region"].Value != region)
                {
                    throw new ArgumentException(
                        $"TlsCertificateProps.CertificateArn is in {match.Groups["region"].Value}, but a load balancer only uses certificates of its own region ({region}).");
                }

                Certificate = Amazon.CDK.AWS.CertificateManager.Certificate.FromCertificateArn(this, "Imported", arn);
                break;

            case CertificateSource.DnsValidated:
                var domain = props.DomainName ?? throw new ArgumentException(
                    "TlsCertificateProps.DomainName is missing: ACM needs the domain to issue a DNS-validated certificate for.");
                if (!DomainPattern().IsMatch(domain))
                {
                    throw new ArgumentException(
                        $"TlsCertificateProps.DomainName '{domain}' is not a domain name (e.g. app.example.com or *.example.com).");
                }

                Certificate = new Certificate(this, "Resource", new CertificateProps
                {
                    DomainName = domain,
                    Validation = CertificateValidation.FromDns(),
                });
                break;

            default:
                throw new ArgumentException($"TlsCertificateProps.Source {props.Source} is not supported: use DnsValidated or Imported.");
        }
    }

    /// <summary>The certificate, for the load balancer's HTTPS listener.</summary>
    public ICertificate Certificate { get; }

    [GeneratedRegex("^arn:aws[a-z-]*:acm:(?<region>[a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f-]+$")]
    private static partial Regex AcmArn();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
