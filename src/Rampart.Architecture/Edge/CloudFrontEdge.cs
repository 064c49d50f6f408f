using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Distribution = Amazon.CDK.AWS.CloudFront.Distribution;

namespace Rampart.Architecture.Edge;

/// <summary>Inputs of <see cref="CloudFrontEdge"/>.</summary>
public sealed partial class CloudFrontEdgeProps
{
    /// <summary>The public name viewers use (the configuration's <c>domainName</c>).</summary>
    public required string DomainName { get; init; }

    /// <summary>The viewer certificate: an ACM certificate in us-east-1 covering <see cref="DomainName"/> (SEC-08).</summary>
    public required ICertificate Certificate { get; init; }

    /// <summary>The ARN of a CloudFront-scoped web ACL (NET-13).</summary>
    public required string WebAclArn { get; init; }

    /// <summary>The origin's DNS name: the load balancer's, which may be a deploy-time value.</summary>
    public required string OriginDomainName { get; init; }

    /// <summary>The value sent in <see cref="OriginLoadBalancer.OriginVerifyHeader"/> to the origin.</summary>
    public required string OriginVerifyValue { get; init; }

    /// <summary>The log group that receives the access logs (standard logging v2); encrypted, in us-east-1.</summary>
    public required ILogGroup AccessLogGroup { get; init; }

    /// <summary>The name of the access logs' delivery source and destination (1-60 letters, digits, '-', '_'). Default: the construct's unique ID, shortened.</summary>
    public string? DeliveryName { get; init; }

    /// <summary>Which edge locations serve viewers. Default: North America and Europe (the cheapest class).</summary>
    public PriceClass PriceClass { get; init; } = PriceClass.PRICE_CLASS_100;

    /// <summary>Fails with one line naming the property, the value and what is accepted.</summary>
    public void Validate()
    {
        if (!DomainPattern().IsMatch(DomainName))
        {
            throw new ArgumentException(
                $"CloudFrontEdgeProps.DomainName '{DomainName}' is not a domain name: lower-case labels joined by dots, e.g. app.example.com.");
        }

        if (string.IsNullOrWhiteSpace(OriginVerifyValue))
        {
            throw new ArgumentException("CloudFrontEdgeProps.OriginVerifyValue is empty: pass the value the load balancer's listener rule expects.");
        }

        if (DeliveryName is not null && !DeliveryNamePattern().IsMatch(DeliveryName))
        {
            throw new ArgumentException($"CloudFrontEdgeProps.DeliveryName '{DeliveryName}' is not accepted: 1-60 letters, digits, '-' and '_'.");
        }
    }

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex DeliveryNamePattern();
}

/// <summary>
/// The CloudFront distribution in front of the load balancer (NET-15, DATA-08, SEC-08): viewers on
/// HTTPS only (HTTP redirected) with at least TLSv1.2_2021 on the configured domain and its ACM
/// certificate; the origin reached over HTTPS only with TLS 1.2, carrying the origin header the load
/// balancer checks; the CloudFront web ACL attached (NET-13); access logs delivered to an encrypted
/// log group (standard logging v2); security response headers (HSTS and others) added.
/// </summary>
/// <remarks>
/// Requests are not cached (a dynamic application) and every viewer header, cookie and query string is
/// forwarded, including Host: CloudFront then checks the load balancer's certificate against the
/// viewer's Host (the domain), so the origin can be the load balancer's own DNS name.
/// Standard logging (legacy) would need a bucket with ACLs enabled; v2 delivers through CloudWatch
/// Logs instead, which must be configured in us-east-1, where this construct lives.
/// </remarks>
public sealed class CloudFrontEdge : Construct
{
    /// <summary>The only region CloudFront takes viewer certificates and web ACLs from.</summary>
    public const string Region = "us-east-1";

    /// <summary>The viewer TLS floor (NET-15).</summary>
    public static readonly SecurityPolicyProtocol MinimumViewerProtocol = SecurityPolicyProtocol.TLS_V1_2_2021;

    /// <summary>The vended log type of CloudFront access logs.</summary>
    public const string AccessLogType = "ACCESS_LOGS";

    public CloudFrontEdge(Construct scope, string id, CloudFrontEdgeProps props)
        : base(scope, id)
    {
        props.Validate();
        var stack = Stack.Of(this);
        if (!Token.IsUnresolved(stack.Region) && stack.Region != Region)
        {
            throw new ArgumentException(
                $"CloudFrontEdge is in {stack.Region}: its access-log delivery (standard logging v2) and the certificate and web ACL it uses must be in {Region}; put it in a {Region} stack.");
        }

        var origin = new HttpOrigin(props.OriginDomainName, new HttpOriginProps
        {
            ProtocolPolicy = OriginProtocolPolicy.HTTPS_ONLY,
            OriginSslProtocols = [OriginSslPolicy.TLS_V1_2],
            HttpsPort = 443,
            CustomHeaders = new Dictionary<string, string> { [OriginLoadBalancer.OriginVerifyHeader] = props.OriginVerifyValue },
            ReadTimeout = Duration.Seconds(30),
        });

        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = $"{props.DomainName}: CloudFront in front of the load balancer",
            DomainNames = [props.DomainName],
            Certificate = props.Certificate,
            MinimumProtocolVersion = MinimumViewerProtocol,
            SslSupportMethod = SSLMethod.SNI,
            HttpVersion = HttpVersion.HTTP2_AND_3,
            EnableIpv6 = true,
            PriceClass = props.PriceClass,
            WebAclId = props.WebAclArn,
            DefaultBehavior = new BehaviorOptions
            {
                Origin = origin,
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_ALL,
                CachePolicy = CachePolicy.CACHING_DISABLED,
                OriginRequestPolicy = OriginRequestPolicy.ALL_VIEWER,
                ResponseHeadersPolicy = ResponseHeadersPolicy.SECURITY_HEADERS,
                Compress = true,
            },
        });

        AccessLogs = BuildAccessLogDelivery(props, stack);
    }

    /// <summary>The distribution.</summary>
    public Distribution Distribution { get; }

    /// <summary>The delivery that sends the access logs to <see cref="CloudFrontEdgeProps.AccessLogGroup"/>.</summary>
    public CfnDelivery AccessLogs { get; }

    /// <summary>Standard logging v2: a delivery source (the distribution), a destination (the log group), the delivery.</summary>
    private CfnDelivery BuildAccessLogDelivery(CloudFrontEdgeProps props, Stack stack)
    {
        var name = props.DeliveryName ?? ShortName(Names.UniqueId(this));

        // CloudWatch Logs' delivery service may write the group, only for deliveries of this account.
        var policy = new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "AccessLogDelivery",
                    Effect = Effect.ALLOW,
                    Principals = [new ServicePrincipal("delivery.logs.amazonaws.com")],
                    Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resources = [props.AccessLogGroup.LogGroupArn],
                    Conditions = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                        ["ArnLike"] = new Dictionary<string, object>
                        {
                            ["aws:SourceArn"] = stack.FormatArn(new ArnComponents { Service = "logs", Resource = "*", ArnFormat = ArnFormat.NO_RESOURCE_NAME }),
                        },
                    },
                }),
            ],
        });
        var resourcePolicy = new CfnResourcePolicy(this, "AccessLogGroupPolicy", new CfnResourcePolicyProps
        {
            PolicyName = $"{name}-delivery",
            PolicyDocument = stack.ToJsonString(policy.ToJSON()),
        });

        var source = new CfnDeliverySource(this, "AccessLogSource", new CfnDeliverySourceProps
        {
            Name = name,
            ResourceArn = stack.FormatArn(new ArnComponents
            {
                Service = "cloudfront",
                Region = "",
                Resource = "distribution",
                ResourceName = Distribution.DistributionId,
            }),
            LogType = AccessLogType,
        });
        var destination = new CfnDeliveryDestination(this, "AccessLogDestination", new CfnDeliveryDestinationProps
        {
            Name = name,
            DestinationResourceArn = props.AccessLogGroup.LogGroupArn,
        });
        destination.AddDependency(resourcePolicy);

        var delivery = new CfnDelivery(this, "AccessLogDelivery", new CfnDeliveryProps
        {
            DeliverySourceName = source.Name,
            DeliveryDestinationArn = destination.AttrArn,
        });
        delivery.AddDependency(source);
        return delivery;
    }

    // Delivery names are at most 60 characters; the unique ID's hash suffix keeps a shortened one unique.
    private static string ShortName(string uniqueId) => uniqueId.Length <= 60 ? uniqueId : uniqueId[..51] + uniqueId[^9..];
}
