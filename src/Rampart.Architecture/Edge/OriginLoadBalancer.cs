using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace Rampart.Architecture.Edge;

/// <summary>Inputs of <see cref="OriginLoadBalancer"/>.</summary>
public sealed partial class OriginLoadBalancerProps
{
    /// <summary>The VPC.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The public subnets: the load balancer is the only thing there (NET-01, NET-02).</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>
    /// The web tier's security groups (NET-04), all attached: the network splits 443 and 80 over two
    /// groups because CloudFront's prefix list fills most of one group's rule quota.
    /// </summary>
    public required IReadOnlyList<ISecurityGroup> SecurityGroups { get; init; }

    /// <summary>The ACM certificate of the HTTPS listener, in the stack's region (NET-14, SEC-08).</summary>
    public required ICertificate Certificate { get; init; }

    /// <summary>
    /// Where access logs go: a bucket that ELB log delivery can write, which means SSE-S3 (ELB access
    /// logs do not support SSE-KMS).
    /// </summary>
    public required IBucket AccessLogsBucket { get; init; }

    /// <summary>What the load balancer forwards to (the Fargate service).</summary>
    public required IApplicationLoadBalancerTarget Target { get; init; }

    /// <summary>The port the targets listen on (the seed's <c>&lt;applicationPort&gt;</c>).</summary>
    public required int TargetPort { get; init; }

    /// <summary>
    /// The value CloudFront sends in <see cref="OriginLoadBalancer.OriginVerifyHeader"/>; requests
    /// without it get 403. Not a credential: it tells this distribution's requests from any other's.
    /// </summary>
    public required string OriginVerifyValue { get; init; }

    /// <summary>The load balancer's name (at most 32 letters, digits and hyphens). Default: generated.</summary>
    public string? LoadBalancerName { get; init; }

    /// <summary>The key prefix of the access logs. Default: <c>load-balancer</c>.</summary>
    public string AccessLogsPrefix { get; init; } = "load-balancer";

    /// <summary>The target health check path. Default: <c>/</c>.</summary>
    public string HealthCheckPath { get; init; } = "/";

    /// <summary>
    /// A regional web ACL on the load balancer as well as CloudFront's (NET-13 provable from this
    /// template alone, and a second layer if the distribution's is detached). Default: true.
    /// </summary>
    public bool RegionalWebAcl { get; init; } = true;

    /// <summary>The regional web ACL's name. Default: the load balancer's name, or <c>origin</c>.</summary>
    public string? WebAclName { get; init; }

    /// <summary>Fails with one line naming the property, the value and what is accepted.</summary>
    public void Validate()
    {
        if (SecurityGroups.Count == 0)
        {
            throw new ArgumentException("OriginLoadBalancerProps.SecurityGroups is empty: pass the web tier's groups (NET-04).");
        }

        if (TargetPort is < 1 or > 65535)
        {
            throw new ArgumentException($"OriginLoadBalancerProps.TargetPort is {TargetPort}: use a port from 1 to 65535.");
        }

        if (LoadBalancerName is not null && !LoadBalancerNamePattern().IsMatch(LoadBalancerName))
        {
            throw new ArgumentException(
                $"OriginLoadBalancerProps.LoadBalancerName '{LoadBalancerName}' is not accepted: 1-32 letters, digits and hyphens, not starting or ending with a hyphen.");
        }

        if (string.IsNullOrWhiteSpace(OriginVerifyValue))
        {
            throw new ArgumentException("OriginLoadBalancerProps.OriginVerifyValue is empty: pass the value CloudFront sends (e.g. derived from the stack ID).");
        }

        if (!HealthCheckPath.StartsWith('/'))
        {
            throw new ArgumentException($"OriginLoadBalancerProps.HealthCheckPath '{HealthCheckPath}' is not accepted: a path starting with '/'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")]
    private static partial Regex LoadBalancerNamePattern();
}

/// <summary>
/// The internet-facing Application Load Balancer that only CloudFront may use (NET-14, DATA-08):
/// in the public subnets behind the web tier's groups (CloudFront's prefix list only), an HTTPS
/// listener with a TLS 1.2+ policy and an ACM certificate that forwards only requests carrying
/// CloudFront's origin header and answers 403 to anything else, an HTTP listener that only redirects
/// to HTTPS, invalid header fields dropped, access logs on, deletion protection on, and a regional
/// web ACL (NET-13).
/// </summary>
public sealed class OriginLoadBalancer : Construct
{
    /// <summary>The header CloudFront adds to every origin request, and the listener rule checks.</summary>
    public const string OriginVerifyHeader = "X-Origin-Verify";

    /// <summary>TLS 1.3 and 1.2 only (ELBSecurityPolicy-TLS13-1-2-2021-06).</summary>
    public static readonly SslPolicy TlsPolicy = SslPolicy.RECOMMENDED_TLS;

    /// <summary>The priority of the rule that forwards CloudFront's requests.</summary>
    public const int ForwardRulePriority = 10;

    public OriginLoadBalancer(Construct scope, string id, OriginLoadBalancerProps props)
        : base(scope, id)
    {
        props.Validate();

        LoadBalancer = new ApplicationLoadBalancer(this, "Resource", new ApplicationLoadBalancerProps
        {
            Vpc = props.Vpc,
            InternetFacing = true,
            VpcSubnets = props.Subnets,
            SecurityGroup = props.SecurityGroups[0],
            LoadBalancerName = props.LoadBalancerName,
            DropInvalidHeaderFields = true,
            DeletionProtection = true,
            Http2Enabled = true,
            // A WAF outage must not turn into unfiltered traffic.
            WafFailOpen = false,
        });
        // Every group is attached, but only the first joins the CDK's connection model. The CDK's target
        // wiring adds the application-port rules to each group it knows of, as separate resources, and
        // drops the group's "no traffic" placeholder egress when it does: on the HTTP-only group, which
        // has no egress rule of its own, AWS would then add its default allow-all egress (NET-08).
        ((CfnLoadBalancer)LoadBalancer.Node.DefaultChild!).SecurityGroups = props.SecurityGroups.Select(g => g.SecurityGroupId).ToArray();

        LoadBalancer.LogAccessLogs(props.AccessLogsBucket, props.AccessLogsPrefix);

        TargetGroup = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = props.Vpc,
            TargetType = TargetType.IP,
            // The seed: "ALB to Containers: HTTP within VPC (private network)".
            Protocol = ApplicationProtocol.HTTP,
            Port = props.TargetPort,
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = props.HealthCheckPath,
                HealthyHttpCodes = "200-399",
                Interval = Duration.Seconds(30),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
            Targets = [props.Target],
        });

        // Open = false: the CDK would otherwise add 0.0.0.0/0 ingress to the groups (NET-07).
        HttpsListener = LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = 443,
            Protocol = ApplicationProtocol.HTTPS,
            SslPolicy = TlsPolicy,
            Certificates = [ListenerCertificate.FromCertificateManager(props.Certificate)],
            Open = false,
            DefaultAction = ListenerAction.FixedResponse(403, new FixedResponseOptions { ContentType = "text/plain", MessageBody = "Forbidden" }),
        });
        HttpsListener.AddAction("FromCloudFront", new AddApplicationActionProps
        {
            Priority = ForwardRulePriority,
            Conditions = [ListenerCondition.HttpHeader(OriginVerifyHeader, [props.OriginVerifyValue])],
            Action = ListenerAction.Forward([TargetGroup]),
        });

        HttpListener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = 80,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultAction = ListenerAction.Redirect(new RedirectOptions { Protocol = "HTTPS", Port = "443", Permanent = true }),
        });

        if (props.RegionalWebAcl)
        {
            WebAcl = new EdgeWebAcl(this, "WebAcl", new EdgeWebAclProps
            {
                Name = props.WebAclName ?? props.LoadBalancerName ?? "origin",
                Scope = WebAclScope.Regional,
                // Behind CloudFront the connection comes from CloudFront; the client is in X-Forwarded-For.
                ClientIpHeader = "X-Forwarded-For",
            });
            _ = new CfnWebACLAssociation(this, "WebAclAssociation", new CfnWebACLAssociationProps
            {
                ResourceArn = LoadBalancer.LoadBalancerArn,
                WebAclArn = WebAcl.Arn,
            });
        }
    }

    /// <summary>The load balancer.</summary>
    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The HTTPS listener (403 unless the request carries CloudFront's origin header).</summary>
    public ApplicationListener HttpsListener { get; }

    /// <summary>The HTTP listener (redirect to HTTPS only).</summary>
    public ApplicationListener HttpListener { get; }

    /// <summary>The target group of the application.</summary>
    public ApplicationTargetGroup TargetGroup { get; }

    /// <summary>The regional web ACL, or null when <see cref="OriginLoadBalancerProps.RegionalWebAcl"/> is false.</summary>
    public EdgeWebAcl? WebAcl { get; }
}
