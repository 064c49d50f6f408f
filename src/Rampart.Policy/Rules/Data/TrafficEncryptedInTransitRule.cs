using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-08: what is not judged elsewhere travels over TLS 1.2 or later: CloudFront to its custom origins
/// (<c>OriginSSLProtocols</c> TLSv1.2 only), Classic Load Balancer listeners (HTTPS/SSL with a TLS 1.2 policy),
/// OpenSearch/Elasticsearch domains (HTTPS enforced, a TLS 1.2 policy, node-to-node encryption), ElastiCache
/// (<c>TransitEncryptionEnabled</c>, not in <c>preferred</c> mode), MSK (TLS between clients and brokers and within
/// the cluster), and EFS volumes of ECS tasks (<c>TransitEncryption: ENABLED</c>).
/// </summary>
/// <remarks>
/// The split with other controls, so that one weakness gives one finding: NET-14 judges Application and Network Load
/// Balancer listeners (HTTPS, TLS 1.2+ policy, HTTP only redirecting); NET-15 judges CloudFront's viewers and each
/// origin's protocol policy (https-only), so an <c>http-only</c> origin is left to it and DATA-08 judges the TLS
/// versions of origins that use HTTPS; DATA-02 judges RDS; DATA-05 judges S3's TLS-only bucket policy; NET-11 judges
/// the VPC endpoints that keep calls to AWS APIs private (those calls are HTTPS by the SDKs). The seed's "ALB to
/// Containers: HTTP within VPC" is accepted, so target groups are not judged. Keys name the part: the origin ID, the
/// listener port, the volume name, or the aspect.
/// </remarks>
public sealed class TrafficEncryptedInTransitRule : IResourceRule
{
    public const string DistributionType = "AWS::CloudFront::Distribution";
    public const string ClassicLoadBalancerType = "AWS::ElasticLoadBalancing::LoadBalancer";
    public const string OpenSearchType = "AWS::OpenSearchService::Domain";
    public const string ElasticsearchType = "AWS::Elasticsearch::Domain";
    public const string ReplicationGroupType = "AWS::ElastiCache::ReplicationGroup";
    public const string CacheClusterType = "AWS::ElastiCache::CacheCluster";
    public const string KafkaClusterType = "AWS::MSK::Cluster";

    private static readonly HashSet<string> OldProtocols = new(StringComparer.OrdinalIgnoreCase) { "SSLv3", "TLSv1", "TLSv1.1" };

    public RuleMetadata Metadata { get; } = new(
        "DATA-08",
        "Data in transit is encrypted with TLS 1.2 or later",
        Severity.High,
        SeedSection.Data,
        [FrameworkReference.Fsbp("CloudFront.10"), FrameworkReference.Fsbp("ELB.3"), FrameworkReference.Fsbp("Opensearch.3"), FrameworkReference.Fsbp("Opensearch.8"),
            FrameworkReference.Fsbp("ES.3"), FrameworkReference.Fsbp("ES.8"), FrameworkReference.Fsbp("ElastiCache.5"), FrameworkReference.Fsbp("MSK.1")],
        new Remediation(
            CloudFormation: "CloudFront CustomOriginConfig: OriginSSLProtocols: [TLSv1.2]; Classic ELB: HTTPS/SSL listeners with a policy referencing ELBSecurityPolicy-TLS-1-2-2017-01; OpenSearch: DomainEndpointOptions { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10 } and NodeToNodeEncryptionOptions.Enabled: true; ElastiCache: TransitEncryptionEnabled: true (mode required); MSK: ClientBroker: TLS, InCluster: true; ECS EFS volumes: TransitEncryption: ENABLED.",
            Cdk: "HttpOrigin(..., new HttpOriginProps { OriginSslProtocols = [OriginSslPolicy.TLS_V1_2] }); Domain(..., new DomainProps { EnforceHttps = true, TlsSecurityPolicy = TLSSecurityPolicy.TLS_1_2, NodeToNodeEncryption = true }); CfnReplicationGroup TransitEncryptionEnabled = true; EFS volumes with TransitEncryption = \"ENABLED\"."))
    {
        SeedText = "Encryption in Transit: ALB to Client: TLS 1.2 minimum via ACM certificates; Container to RDS: SSL/TLS connections required; Container to AWS APIs: HTTPS required via VPC endpoints.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } =
        [DistributionType, ClassicLoadBalancerType, OpenSearchType, ElasticsearchType, ReplicationGroupType, CacheClusterType, KafkaClusterType, "AWS::ECS::TaskDefinition"];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) => resource.Type switch
    {
        DistributionType => OriginViolations(resource),
        ClassicLoadBalancerType => ClassicListenerViolations(resource),
        OpenSearchType or ElasticsearchType => DomainViolations(resource),
        ReplicationGroupType or CacheClusterType => CacheViolations(resource),
        KafkaClusterType => KafkaViolations(resource),
        _ => EfsVolumeViolations(resource),
    };

    private static IEnumerable<Violation> OriginViolations(ResourceContext distribution)
    {
        foreach (var origin in distribution.Get("DistributionConfig.Origins[*]"))
        {
            var id = distribution.Get(origin, "Id").Select(i => i.AsString()).FirstOrDefault() ?? "?";
            foreach (var custom in distribution.Get(origin, "CustomOriginConfig").Where(c => !c.IsAbsent))
            {
                // An http-only origin is NET-15's finding; TLS versions matter where HTTPS is used.
                if (distribution.Get(custom, "OriginProtocolPolicy").All(p => string.Equals(p.AsString(), "http-only", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                foreach (var protocols in distribution.Get(custom, "OriginSSLProtocols"))
                {
                    if (protocols.IsAbsent)
                    {
                        yield return distribution.Fail(protocols, $"origin {id} sets no OriginSSLProtocols, and CloudFormation's default lets CloudFront reach it with SSLv3 and TLSv1: allow TLSv1.2 only", $"origin:{id}");
                        continue;
                    }

                    if (protocols.IsUnknown)
                    {
                        yield return distribution.Fail(protocols, $"origin {id} has OriginSSLProtocols {protocols.Describe()}: allow TLSv1.2 only", $"origin:{id}");
                        continue;
                    }

                    foreach (var protocol in distribution.Get(protocols, "[*]"))
                    {
                        if (protocol.IsUnknown || (protocol.AsString() is { } text && OldProtocols.Contains(text)))
                        {
                            yield return distribution.Fail(protocol, $"origin {id} allows {protocol.Describe()} between CloudFront and the origin: allow TLSv1.2 only", $"origin:{id}");
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<Violation> ClassicListenerViolations(ResourceContext balancer)
    {
        foreach (var listener in balancer.Get("Listeners[*]"))
        {
            var port = balancer.Get(listener, "LoadBalancerPort").Select(p => p.AsString()).FirstOrDefault() ?? "?";
            foreach (var protocol in balancer.Get(listener, "Protocol"))
            {
                var text = protocol.AsString()?.ToUpperInvariant();
                if (text is "HTTP" or "TCP")
                {
                    yield return balancer.Fail(protocol, $"listener on port {port} accepts plain {text}: use HTTPS or SSL", $"listener:{port}");
                }
                else if (text is "HTTPS" or "SSL")
                {
                    if (!ListenerHasTls12Policy(balancer, listener))
                    {
                        yield return balancer.Fail(protocol, $"{text} listener on port {port} has no TLS 1.2 security policy: the default policy accepts TLS 1.0; attach an SSLNegotiationPolicyType policy with Reference-Security-Policy ELBSecurityPolicy-TLS-1-2-2017-01", $"listener:{port}");
                    }
                }
                else
                {
                    yield return balancer.Fail(protocol, $"listener on port {port} has protocol {protocol.Describe()}: it must be HTTPS or SSL", $"listener:{port}");
                }
            }
        }
    }

    /// <summary>True when a policy named by the listener references a TLS 1.2 predefined policy.</summary>
    private static bool ListenerHasTls12Policy(ResourceContext balancer, Resolved listener)
    {
        var names = balancer.Get(listener, "PolicyNames[*]").Select(n => n.AsString()).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        return balancer.Get("Policies[*]")
            .Where(policy => balancer.Get(policy, "PolicyName").Any(n => n.AsString() is { } name && names.Contains(name)))
            .SelectMany(policy => balancer.Get(policy, "Attributes[*]"))
            .Any(attribute => balancer.Get(attribute, "Name").Any(n => n.AsString() == "Reference-Security-Policy")
                && balancer.Get(attribute, "Value").Any(v => v.AsString() is { } value && (value.Contains("TLS-1-2", StringComparison.Ordinal) || value.Contains("TLS13", StringComparison.Ordinal))));
    }

    private static IEnumerable<Violation> DomainViolations(ResourceContext domain)
    {
        foreach (var https in domain.Get("DomainEndpointOptions.EnforceHTTPS"))
        {
            if (https.AsBoolean() != true)
            {
                yield return domain.Fail(https, https.IsAbsent
                    ? "domain accepts plain HTTP: DomainEndpointOptions.EnforceHTTPS is not set and defaults to false"
                    : $"domain has EnforceHTTPS {https.Describe()}: it must be true", "https");
            }
        }

        foreach (var policy in domain.Get("DomainEndpointOptions.TLSSecurityPolicy"))
        {
            if (policy.AsString()?.StartsWith("Policy-Min-TLS-1-2", StringComparison.Ordinal) != true)
            {
                yield return domain.Fail(policy, policy.IsAbsent
                    ? "domain accepts TLS 1.0: TLSSecurityPolicy is not set and defaults to Policy-Min-TLS-1-0-2019-07"
                    : $"domain has TLSSecurityPolicy {policy.Describe()}: use Policy-Min-TLS-1-2-PFS-2023-10 or Policy-Min-TLS-1-2-2019-07", "tls-policy");
            }
        }

        foreach (var nodeToNode in domain.Get("NodeToNodeEncryptionOptions.Enabled"))
        {
            if (nodeToNode.AsBoolean() != true)
            {
                yield return domain.Fail(nodeToNode, nodeToNode.IsAbsent
                    ? "domain nodes talk to each other in plain text: NodeToNodeEncryptionOptions.Enabled is not set"
                    : $"domain has NodeToNodeEncryptionOptions.Enabled {nodeToNode.Describe()}: it must be true", "node-to-node");
            }
        }
    }

    private static IEnumerable<Violation> CacheViolations(ResourceContext cache)
    {
        foreach (var enabled in cache.Get("TransitEncryptionEnabled"))
        {
            if (enabled.AsBoolean() != true)
            {
                yield return cache.Fail(enabled, enabled.IsAbsent
                    ? "cache accepts plain connections: TransitEncryptionEnabled is not set and defaults to false"
                    : $"cache has TransitEncryptionEnabled {enabled.Describe()}: it must be true", "transit");
            }
        }

        foreach (var mode in cache.Get("TransitEncryptionMode"))
        {
            if (string.Equals(mode.AsString(), "preferred", StringComparison.OrdinalIgnoreCase) || mode.IsUnknown)
            {
                yield return cache.Fail(mode, $"cache has TransitEncryptionMode {mode.Describe()}, which still accepts plain connections: use required", "transit-mode");
            }
        }
    }

    private static IEnumerable<Violation> KafkaViolations(ResourceContext cluster)
    {
        foreach (var clientBroker in cluster.Get("EncryptionInfo.EncryptionInTransit.ClientBroker"))
        {
            var text = clientBroker.AsString();
            if ((text is not null && !string.Equals(text, "TLS", StringComparison.OrdinalIgnoreCase)) || clientBroker.IsUnknown)
            {
                yield return cluster.Fail(clientBroker, $"cluster lets clients connect with {clientBroker.Describe()}: ClientBroker must be TLS", "client-broker");
            }
        }

        foreach (var inCluster in cluster.Get("EncryptionInfo.EncryptionInTransit.InCluster"))
        {
            if (inCluster.AsBoolean() == false || inCluster.IsUnknown)
            {
                yield return cluster.Fail(inCluster, $"cluster brokers talk to each other in plain text (InCluster {inCluster.Describe()})", "in-cluster");
            }
        }
    }

    private static IEnumerable<Violation> EfsVolumeViolations(ResourceContext task)
    {
        foreach (var volume in task.Get("Volumes[*]"))
        {
            foreach (var efs in task.Get(volume, "EFSVolumeConfiguration").Where(e => !e.IsAbsent))
            {
                var name = task.Get(volume, "Name").Select(n => n.AsString()).FirstOrDefault() ?? "?";
                foreach (var transit in task.Get(efs, "TransitEncryption"))
                {
                    if (!string.Equals(transit.AsString(), "ENABLED", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return task.Fail(transit, transit.IsAbsent
                            ? $"EFS volume {name} is mounted without TLS: TransitEncryption is not set and defaults to DISABLED"
                            : $"EFS volume {name} has TransitEncryption {transit.Describe()}: it must be ENABLED", $"efs:{name}");
                    }
                }
            }
        }
    }
}
