namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-14: application load balancers serve HTTPS only, with TLS 1.2 or newer, an ACM certificate, and safe
/// attributes:
/// <list type="bullet">
/// <item>HTTPS (and NLB TLS) listeners name an <c>SslPolicy</c> that admits TLS 1.2 and newer only:
/// <c>ELBSecurityPolicy-TLS13-1-2-*</c>, <c>ELBSecurityPolicy-TLS13-1-3-*</c>, <c>ELBSecurityPolicy-TLS-1-2-*</c>,
/// <c>ELBSecurityPolicy-FS-1-2-*</c> (FIPS and post-quantum variants included). Without one, CloudFormation uses
/// <c>ELBSecurityPolicy-2016-08</c>, which admits TLS 1.0;</item>
/// <item>they have a certificate from ACM: a reference to an <c>AWS::CertificateManager::Certificate</c> (or a custom
/// resource issuing one) or an <c>arn:...:acm:</c> ARN; an IAM server certificate fails;</item>
/// <item>HTTP listeners (and their listener rules) only redirect to HTTPS;</item>
/// <item>the load balancer's attributes set <c>routing.http.drop_invalid_header_fields.enabled</c>,
/// <c>access_logs.s3.enabled</c> and <c>deletion_protection.enabled</c> to true (all default to false).</item>
/// </list>
/// Network and gateway load balancers are not judged on the HTTP attributes; classic load balancers are not judged.
/// </summary>
public sealed class LoadBalancersEnforceHttpsRule : IResourceRule
{
    private static readonly string[] AcceptedPolicyPrefixes =
    [
        "ELBSecurityPolicy-TLS13-1-2-",
        "ELBSecurityPolicy-TLS13-1-3-",
        "ELBSecurityPolicy-TLS-1-2-",
        "ELBSecurityPolicy-FS-1-2-",
    ];

    private static readonly (string Key, string Why)[] RequiredAttributes =
    [
        ("routing.http.drop_invalid_header_fields.enabled", "malformed headers reach the targets (HTTP desync and request smuggling)"),
        ("access_logs.s3.enabled", "requests leave no access log"),
        ("deletion_protection.enabled", "the load balancer can be deleted by one call"),
    ];

    public RuleMetadata Metadata { get; } = new(
        "NET-14",
        "Load balancers serve HTTPS with TLS 1.2+ and an ACM certificate, redirect HTTP, drop invalid headers, log access, resist deletion",
        Severity.High,
        SeedSection.Network,
        [FrameworkReference.Fsbp("ELB.1"), FrameworkReference.Fsbp("ELB.4"), FrameworkReference.Fsbp("ELB.5"), FrameworkReference.Fsbp("ELB.6"), FrameworkReference.Config("alb-http-to-https-redirection-check")],
        new Remediation(
            CloudFormation: "HTTPS listeners: SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 and Certificates: [{ CertificateArn: !Ref AcmCertificate }]; HTTP listeners: DefaultActions [{ Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: '443', StatusCode: HTTP_301 } }]; LoadBalancerAttributes routing.http.drop_invalid_header_fields.enabled, access_logs.s3.enabled (with access_logs.s3.bucket) and deletion_protection.enabled set to 'true'.",
            Cdk: "alb.addListener('Https', { protocol: HTTPS, certificates: [ListenerCertificate.fromCertificateManager(cert)], sslPolicy: SslPolicy.RECOMMENDED_TLS }); alb.addRedirect(); new ApplicationLoadBalancer(..., { dropInvalidHeaderFields: true, deletionProtection: true }); alb.logAccessLogs(bucket)."))
    {
        SeedText = "ALB to Client: TLS 1.2 minimum via ACM certificates.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [LoadBalancers.V2Type, LoadBalancers.ListenerType, LoadBalancers.ListenerRuleType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) => resource.Type switch
    {
        LoadBalancers.V2Type => LoadBalancers.IsApplication(resource) ? Attributes(resource) : [],
        LoadBalancers.ListenerType => Listener(resource),
        _ => ListenerRule(resource),
    };

    private static IEnumerable<Violation> Attributes(ResourceContext balancer)
    {
        foreach (var list in balancer.Get("LoadBalancerAttributes"))
        {
            if (list.IsUnknown)
            {
                yield return balancer.Fail(list, "has attributes given by a value that cannot be resolved: cannot check header dropping, access logs and deletion protection", "attributes");
                continue;
            }

            var items = balancer.Get(list, "[*]").ToList();
            foreach (var (key, why) in RequiredAttributes)
            {
                var values = items.Where(i => balancer.Get(i, "Key").Any(k => k.AsString() == key)).SelectMany(i => balancer.Get(i, "Value")).ToList();
                if (values.Count == 0)
                {
                    yield return balancer.Fail(list, $"does not set {key} (it defaults to false): {why}", key);
                    continue;
                }

                foreach (var value in values.Where(v => v.AsBoolean() != true))
                {
                    yield return balancer.Fail(value, value.IsUnknown ? $"sets {key} to a value that cannot be resolved" : $"sets {key} to {value.Describe()}: {why}", key);
                }
            }
        }
    }

    private static IEnumerable<Violation> Listener(ResourceContext listener)
    {
        var balancer = LoadBalancers.OfListener(listener);
        foreach (var protocol in listener.Get("Protocol"))
        {
            switch (protocol.AsString())
            {
                case "HTTPS":
                case "TLS":
                    foreach (var violation in Tls(listener))
                    {
                        yield return violation;
                    }

                    break;
                case "HTTP" when balancer is null || LoadBalancers.IsApplication(balancer):
                    foreach (var violation in RedirectsOnly(listener, "DefaultActions[*]", "listens on plain HTTP and"))
                    {
                        yield return violation;
                    }

                    break;
                case null when protocol.IsUnknown:
                    yield return listener.Fail(protocol, "uses a protocol that cannot be resolved: cannot check it serves HTTPS", "protocol");
                    break;
                case null:
                    yield return listener.Fail(protocol, "sets no protocol: cannot check it serves HTTPS", "protocol") with { Proven = false };
                    break;
            }
        }
    }

    private static IEnumerable<Violation> ListenerRule(ResourceContext rule)
    {
        foreach (var arn in rule.Get("ListenerArn"))
        {
            if (Resources.Referenced(rule, arn, LoadBalancers.ListenerType) is { } listener && listener.Get("Protocol").Any(p => p.AsString() == "HTTP"))
            {
                foreach (var violation in RedirectsOnly(rule, "Actions[*]", $"adds to plain-HTTP listener {listener.LogicalId} an action that"))
                {
                    yield return violation;
                }
            }
        }
    }

    private static IEnumerable<Violation> Tls(ResourceContext listener)
    {
        foreach (var policy in listener.Get("SslPolicy"))
        {
            if (policy.IsAbsent)
            {
                yield return listener.Fail(policy, "names no SslPolicy, so CloudFormation uses ELBSecurityPolicy-2016-08, which admits TLS 1.0 and 1.1", "ssl-policy");
            }
            else if (policy.IsUnknown)
            {
                yield return listener.Fail(policy, $"uses a TLS policy that cannot be resolved ({policy.UnknownReason}): cannot check it refuses TLS below 1.2", "ssl-policy");
            }
            else if (!AcceptedPolicyPrefixes.Any(prefix => policy.AsString()?.StartsWith(prefix, StringComparison.Ordinal) == true))
            {
                yield return listener.Fail(policy, $"uses TLS policy {policy.Describe()}, which admits TLS versions below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy", "ssl-policy");
            }
        }

        var certificates = listener.Get("Certificates[*].CertificateArn").Where(c => !c.IsAbsent).ToList();
        if (certificates.Count == 0)
        {
            yield return listener.Fail(listener.GetOne("Certificates"), "has no certificate: an HTTPS listener needs an ACM certificate", "certificate");
        }

        foreach (var certificate in certificates)
        {
            if (listener.Follow(certificate) is { } issuer)
            {
                if (issuer.Type != "AWS::CertificateManager::Certificate" && !Resources.IsCustomResource(issuer.Type))
                {
                    yield return listener.Fail(certificate, $"takes its certificate from {issuer.LogicalId} ({issuer.Type}), which is not an ACM certificate", "certificate");
                }

                continue;
            }

            var text = Resources.TextOrPartial(certificate);
            if (text?.Contains(":acm:", StringComparison.Ordinal) == true)
            {
                continue;
            }

            yield return text?.Contains(":iam:", StringComparison.Ordinal) == true
                ? listener.Fail(certificate, "uses an IAM server certificate; certificates come from ACM (renewed automatically)", "certificate") with { Proven = true }
                : listener.Unprovable(certificate, certificate.IsUnknown
                    ? $"uses a certificate that cannot be resolved ({certificate.UnknownReason}): cannot tell it comes from ACM"
                    : $"uses certificate {Resources.Name(certificate)}, which cannot be told to come from ACM", "certificate");
        }
    }

    private static IEnumerable<Violation> RedirectsOnly(ResourceContext resource, string actionsPath, string what)
    {
        foreach (var action in resource.Get(actionsPath))
        {
            foreach (var type in resource.Get(action, "Type"))
            {
                if (type.AsString() != "redirect")
                {
                    yield return resource.Fail(type, $"{what} does not redirect to HTTPS (action {type.Describe()}): plain HTTP must only redirect", "http");
                    continue;
                }

                foreach (var protocol in resource.Get(action, "RedirectConfig.Protocol"))
                {
                    if (protocol.AsString() != "HTTPS")
                    {
                        yield return resource.Fail(protocol, $"{what} redirects to {(protocol.IsAbsent ? "the same protocol (#{{protocol}})" : protocol.Describe())} instead of HTTPS", "http");
                    }
                }
            }
        }
    }
}
