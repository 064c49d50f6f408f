using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Data;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Edge;

/// <summary>What one environment's edge stack (in us-east-1) is built from.</summary>
public sealed class EdgeStackProps : StackProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The region of the workload stack whose load balancer is the origin.</summary>
    public required string WorkloadRegion { get; init; }

    /// <summary>The public domain name (the configuration's <c>domainName</c>).</summary>
    public required string DomainName { get; init; }

    /// <summary>
    /// An existing ACM certificate for the viewers. Used when it is in us-east-1; otherwise (or when
    /// null) the stack requests a DNS-validated certificate for <see cref="DomainName"/> in us-east-1.
    /// Default: null.
    /// </summary>
    public string? CertificateArn { get; init; }

    /// <summary>How long access logs and function logs are kept. Default: one year.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_YEAR;

    /// <summary>Requests one viewer may send in five minutes before WAF blocks it. Default: 2000.</summary>
    public long RateLimit { get; init; } = 2000;
}

/// <summary>
/// One environment's CloudFront edge, in us-east-1 because CloudFront takes its viewer certificate,
/// its web ACL and its log delivery only from there: the ACM certificate (SEC-08), the CloudFront web
/// ACL (NET-13), the distribution (NET-15, DATA-08) and its access logs, a key for the stack's log
/// groups, and the reader of the origin parameters the workload stack writes in its own region.
/// </summary>
/// <remarks>
/// Deployed after the workload stack of the same environment (the origin must exist). Its template
/// holds the whole CloudFront picture, so a scan of this template alone proves NET-13 and NET-15.
/// </remarks>
public sealed class EdgeStack : Stack
{
    public EdgeStack(Construct scope, string id, EdgeStackProps props)
        : base(scope, id, props)
    {
        ResourceNames.CheckSegment("application", props.Application);
        ResourceNames.CheckSegment("environment", props.EnvironmentName);
        if (!Token.IsUnresolved(Region) && Region != CloudFrontEdge.Region)
        {
            throw new ArgumentException(
                $"EdgeStackProps.Env.Region is {Region}: the CloudFront edge stack must be in {CloudFrontEdge.Region} (CloudFront's certificates, web ACLs and log deliveries live there).");
        }

        var prefix = $"/{props.Application}/{props.EnvironmentName}/edge";
        LogsKey = BuildLogsKey(props);
        Aspects.Of(this).Add(new LogGroupEncryptionAspect(LogsKey, props.LogRetention));
        AccessLogGroup = new EncryptedLogGroup(this, "AccessLogs", new EncryptedLogGroupProps
        {
            LogGroupName = $"{prefix}/cloudfront-access",
            EncryptionKey = LogsKey,
            Retention = props.LogRetention,
        }).LogGroup;
        var functionLogs = new EncryptedLogGroup(this, "CustomResourceLogs", new EncryptedLogGroupProps
        {
            LogGroupName = $"{prefix}/custom-resources",
            EncryptionKey = LogsKey,
            Retention = props.LogRetention,
        }).LogGroup;

        Certificate = new TlsCertificate(this, "Certificate", UsableHere(props.CertificateArn)
            ? new TlsCertificateProps { Source = CertificateSource.Imported, CertificateArn = props.CertificateArn }
            : new TlsCertificateProps { Source = CertificateSource.DnsValidated, DomainName = props.DomainName }).Certificate;

        WebAcl = new EdgeWebAcl(this, "WebAcl", new EdgeWebAclProps
        {
            Name = $"{props.Application}-{props.EnvironmentName}-cloudfront",
            Scope = WebAclScope.CloudFront,
            RateLimit = props.RateLimit,
        });

        OriginParameters = new CrossRegionParameters(this, "OriginParameters", new CrossRegionParametersProps
        {
            SourceRegion = props.WorkloadRegion,
            ParameterPath = EdgeOrigin.Path(props.Application, props.EnvironmentName),
            LogGroup = functionLogs,
        });

        CloudFront = new CloudFrontEdge(this, "CloudFront", new CloudFrontEdgeProps
        {
            DomainName = props.DomainName,
            Certificate = Certificate,
            WebAclArn = WebAcl.Arn,
            OriginDomainName = OriginParameters.Value("OriginDomain", EdgeOrigin.DomainParameterName(props.Application, props.EnvironmentName)),
            OriginVerifyValue = OriginParameters.Value("OriginVerify", EdgeOrigin.VerifyParameterName(props.Application, props.EnvironmentName)),
            AccessLogGroup = AccessLogGroup,
            DeliveryName = $"{props.Application}-{props.EnvironmentName}-cloudfront",
        });

        // No export: the value is for the person who points the domain's DNS record at the distribution.
        _ = new CfnOutput(this, "DistributionDomainName", new CfnOutputProps
        {
            Description = $"Point {props.DomainName} (CNAME, or a Route 53 alias) at this name",
            Value = CloudFront.Distribution.DistributionDomainName,
        });
    }

    /// <summary>The key of the stack's log groups (<c>alias/&lt;application&gt;/&lt;environment&gt;/edge-logs</c>).</summary>
    public IKey LogsKey { get; }

    /// <summary>The log group of CloudFront's access logs.</summary>
    public ILogGroup AccessLogGroup { get; }

    /// <summary>The viewer certificate, in us-east-1.</summary>
    public ICertificate Certificate { get; }

    /// <summary>The CloudFront web ACL.</summary>
    public EdgeWebAcl WebAcl { get; }

    /// <summary>The reader of the workload's origin parameters.</summary>
    public CrossRegionParameters OriginParameters { get; }

    /// <summary>The distribution and its log delivery.</summary>
    public CloudFrontEdge CloudFront { get; }

    private static bool UsableHere(string? certificateArn) =>
        certificateArn is not null && certificateArn.Split(':') is { Length: > 3 } parts && parts[3] == CloudFrontEdge.Region;

    /// <summary>
    /// A key of its own (DATA-06): the workload's logs key is in another region, and in us-east-1 its
    /// alias may already be taken by a workload of that region. Administration and use are separate
    /// (IAM-09); only CloudWatch Logs uses it, for this account's log groups.
    /// </summary>
    private Key BuildLogsKey(EdgeStackProps props) => new(this, "LogsKey", new KeyProps
    {
        Alias = ResourceNames.KeyAlias(props.Application, props.EnvironmentName, "edge-logs"),
        Description = $"{props.Application} {props.EnvironmentName}: CloudFront edge log encryption",
        EnableKeyRotation = true,
        PendingWindow = Duration.Days(30),
        RemovalPolicy = RemovalPolicy.RETAIN,
        Policy = new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "KeyAdministration",
                    Effect = Effect.ALLOW,
                    Principals = [new AccountRootPrincipal()],
                    Actions = ServiceKeys.AdministrationActions.ToArray(),
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "KeyUseByCloudWatchLogs",
                    Effect = Effect.ALLOW,
                    Principals = [new ServicePrincipal($"logs.{CloudFrontEdge.Region}.amazonaws.com")],
                    Actions = ServiceKeys.UseActions.ToArray(),
                    Resources = ["*"],
                    Conditions = new Dictionary<string, object>
                    {
                        ["ArnLike"] = new Dictionary<string, object>
                        {
                            ["kms:EncryptionContext:aws:logs:arn"] =
                                FormatArn(new ArnComponents { Service = "logs", Resource = "log-group", ResourceName = "*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME }),
                        },
                    },
                }),
            ],
        }),
    });
}
