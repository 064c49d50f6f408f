using System.Text.Json.Nodes;
using Rampart.Architecture.Edge;
using Rampart.Architecture.Tests.Identity;
using static Rampart.Architecture.Tests.Edge.EdgeQueries;

namespace Rampart.Architecture.Tests.Edge;

/// <summary>The load balancer CloudFront forwards to (NET-13, NET-14, NET-07, DATA-08, SEC-08), in the default workload.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class OriginLoadBalancerTests(DefaultArchitecture architecture)
{
    private TemplateView Template => architecture.Workload();

    private (string LogicalId, JsonObject Properties) LoadBalancer => Template.One("AWS::ElasticLoadBalancingV2::LoadBalancer");

    private JsonObject Listener(int port) =>
        Assert.Single(Template.PropertiesOf("AWS::ElasticLoadBalancingV2::Listener"), l => (int)l["Port"]! == port);

    private Dictionary<string, string> Attributes =>
        LoadBalancer.Properties["LoadBalancerAttributes"]!.AsArray().ToDictionary(a => (string)a!["Key"]!, a => Text(a!["Value"]));

    [Fact]
    public void NET_14_https_listener_has_a_tls12_policy_and_the_acm_certificate()
    {
        var https = Listener(443);

        Assert.Equal("HTTPS", (string?)https["Protocol"]);
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", (string?)https["SslPolicy"]);
        var certificate = TemplateQueries.ReferencedId(Assert.Single(https["Certificates"]!.AsArray())!["CertificateArn"]);
        Assert.Equal("AWS::CertificateManager::Certificate", (string?)Template.Resource(certificate!)["Type"]);
        Assert.Equal("app.example.com", (string?)Template.Properties(certificate!)["DomainName"]);
    }

    [Fact]
    public void NET_14_http_listener_only_redirects_to_https()
    {
        var http = Listener(80);
        var action = Assert.Single(http["DefaultActions"]!.AsArray())!;

        Assert.Equal("redirect", (string?)action["Type"]);
        Assert.Equal("HTTPS", (string?)action["RedirectConfig"]!["Protocol"]);
        Assert.Equal("443", (string?)action["RedirectConfig"]!["Port"]);
        Assert.Equal("HTTP_301", (string?)action["RedirectConfig"]!["StatusCode"]);
        var httpId = Template.OfType("AWS::ElasticLoadBalancingV2::Listener").Single(l => (int)l.Resource["Properties"]!["Port"]! == 80).LogicalId;
        Assert.DoesNotContain(Template.PropertiesOf("AWS::ElasticLoadBalancingV2::ListenerRule"), r => TemplateQueries.ReferencedId(r["ListenerArn"]) == httpId);
    }

    [Fact]
    public void NET_14_invalid_headers_dropped_access_logged_and_deletion_protected()
    {
        var attributes = Attributes;

        Assert.Equal("true", attributes["routing.http.drop_invalid_header_fields.enabled"]);
        Assert.Equal("true", attributes["deletion_protection.enabled"]);
        Assert.Equal("true", attributes["access_logs.s3.enabled"]);
        Assert.Equal("load-balancer", attributes["access_logs.s3.prefix"]);
        Assert.False(attributes.TryGetValue("waf.fail_open.enabled", out var failOpen) && failOpen == "true");
    }

    [Fact]
    public void NET_14_access_logs_go_to_the_sse_s3_log_bucket_that_elb_may_write()
    {
        var bucket = TemplateQueries.ReferencedId(LoadBalancer.Properties["LoadBalancerAttributes"]!.AsArray()
            .Single(a => (string?)a!["Key"] == "access_logs.s3.bucket")!["Value"])!;

        Assert.Equal(Template.Single("AWS::S3::Bucket", "AccessLogsBucket"), bucket);
        var encryption = Template.Properties(bucket)["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
        Assert.Equal("AES256", (string?)encryption["SSEAlgorithm"]);
        var writes = Template.ResourceStatements().Where(s => s.Kind == "AWS::S3::BucketPolicy" && s.IsAllow
            && s.Statement["Resource"]!.ToJsonString().Contains("/load-balancer/AWSLogs/111111111111/*", StringComparison.Ordinal)).ToList();
        Assert.Contains(writes, s => s.Statement["Principal"]!.ToJsonString().Contains(":iam::156460612806:root", StringComparison.Ordinal));
        Assert.Contains(Template.Single("AWS::S3::BucketPolicy", "AccessLogsBucketPolicy"), TemplateQueries.Strings(Template.Resource(LoadBalancer.LogicalId)["DependsOn"]));
    }

    [Fact]
    public void NET_01_internet_facing_in_the_public_subnets_behind_both_web_groups_only()
    {
        var properties = LoadBalancer.Properties;

        Assert.Equal("internet-facing", (string?)properties["Scheme"]);
        Assert.Equal("webapp-dev", (string?)properties["Name"]);
        Assert.All(properties["Subnets"]!.AsArray(), s => Assert.StartsWith("NetworkVpcPublicSubnet", TemplateQueries.ReferencedId(s), StringComparison.Ordinal));
        Assert.Equal(
            [Template.Single("AWS::EC2::SecurityGroup", "NetworkWebTierSecurityGroup"), Template.Single("AWS::EC2::SecurityGroup", "NetworkWebTierHttpSecurityGroup")],
            properties["SecurityGroups"]!.AsArray().Select(TemplateQueries.ReferencedId));
    }

    [Fact]
    public void NET_07_no_listener_opens_a_group_to_the_internet()
    {
        var ingress = Template.PropertiesOf("AWS::EC2::SecurityGroupIngress")
            .Concat(Template.PropertiesOf("AWS::EC2::SecurityGroup").SelectMany(g => g["SecurityGroupIngress"]?.AsArray().Select(r => r!.AsObject()) ?? []));

        Assert.DoesNotContain(ingress, r => (string?)r["CidrIp"] == "0.0.0.0/0" || (string?)r["CidrIpv6"] == "::/0");
    }

    [Fact]
    public void NET_08_the_http_web_group_gains_no_egress_from_the_target_wiring()
    {
        var http = Template.Single("AWS::EC2::SecurityGroup", "NetworkWebTierHttpSecurityGroup");

        // Its only inline egress is the CDK's "no traffic" placeholder, which keeps AWS's allow-all away.
        var egress = Assert.Single(Template.Properties(http)["SecurityGroupEgress"]!.AsArray())!;
        Assert.Equal("255.255.255.255/32", (string?)egress["CidrIp"]);
        Assert.DoesNotContain(Template.PropertiesOf("AWS::EC2::SecurityGroupEgress"), e => TemplateQueries.ReferencedId(e["GroupId"]) == http);
    }

    [Fact]
    public void NET_15_origin_forwards_only_requests_carrying_cloudfronts_origin_header()
    {
        var https = Listener(443);
        var fallback = Assert.Single(https["DefaultActions"]!.AsArray())!;
        Assert.Equal("fixed-response", (string?)fallback["Type"]);
        Assert.Equal("403", (string?)fallback["FixedResponseConfig"]!["StatusCode"]);

        var rule = Template.SingleOf("AWS::ElasticLoadBalancingV2::ListenerRule");
        var condition = Assert.Single(rule["Conditions"]!.AsArray())!;
        Assert.Equal("http-header", (string?)condition["Field"]);
        Assert.Equal(OriginLoadBalancer.OriginVerifyHeader, (string?)condition["HttpHeaderConfig"]!["HttpHeaderName"]);
        var expected = Assert.Single(condition["HttpHeaderConfig"]!["Values"]!.AsArray())!;
        Assert.Equal("""{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}""", expected.ToJsonString());

        var forward = Assert.Single(rule["Actions"]!.AsArray())!;
        Assert.Equal("forward", (string?)forward["Type"]);
        var targets = TemplateQueries.ReferencedId(forward["TargetGroupArn"])!;
        var group = Template.Properties(targets);
        Assert.Equal("HTTP", (string?)group["Protocol"]);
        Assert.Equal(8080, (int)group["Port"]!);
        Assert.Equal("ip", (string?)group["TargetType"]);
        var service = Template.SingleOf("AWS::ECS::Service");
        Assert.Equal(targets, TemplateQueries.ReferencedId(Assert.Single(service["LoadBalancers"]!.AsArray())!["TargetGroupArn"]));
    }

    [Fact]
    public void NET_13_a_regional_web_acl_guards_the_load_balancer()
    {
        var (aclId, acl) = Assert.Single(Template.OfType("AWS::WAFv2::WebACL"));
        var properties = acl["Properties"]!.AsObject();
        Assert.Equal("REGIONAL", (string?)properties["Scope"]);
        WebAclAssertions.HasManagedRulesAndRateLimit(properties, "FORWARDED_IP");
        var rate = properties["Rules"]!.AsArray().Single(r => r!["Statement"]!["RateBasedStatement"] is not null)!;
        Assert.Equal("X-Forwarded-For", (string?)rate["Statement"]!["RateBasedStatement"]!["ForwardedIPConfig"]!["HeaderName"]);

        var association = Template.SingleOf("AWS::WAFv2::WebACLAssociation");
        Assert.Equal(LoadBalancer.LogicalId, TemplateQueries.ReferencedId(association["ResourceArn"]));
        Assert.Equal(aclId, TemplateQueries.ReferencedId(association["WebACLArn"]));
    }

    [Fact]
    public void SEC_05_origin_parameters_for_the_edge_stack_follow_the_parameter_naming()
    {
        var parameters = Template.PropertiesOf("AWS::SSM::Parameter").ToDictionary(p => (string)p["Name"]!);

        var domain = parameters[EdgeOrigin.DomainParameterName("webapp", "dev")];
        Assert.Equal("/webapp/dev/edge/origin-domain", (string?)domain["Name"]);
        Assert.Equal($$"""{"Fn::GetAtt":["{{LoadBalancer.LogicalId}}","DNSName"]}""", domain["Value"]!.ToJsonString());
        var verify = parameters[EdgeOrigin.VerifyParameterName("webapp", "dev")];
        Assert.Equal("""{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}""", verify["Value"]!.ToJsonString());
        Assert.Equal("String", (string?)verify["Type"]);
    }
}

/// <summary>What every web ACL of the architecture must hold (NET-13).</summary>
public static class WebAclAssertions
{
    public static void HasManagedRulesAndRateLimit(JsonObject properties, string aggregateKey)
    {
        Assert.NotNull(properties["DefaultAction"]!["Allow"]);
        var rules = properties["Rules"]!.AsArray().Select(r => r!.AsObject()).ToList();

        var managed = rules.Where(r => r["Statement"]!["ManagedRuleGroupStatement"] is not null).ToList();
        Assert.Equal(
            ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
            managed.Select(r => (string)r["Statement"]!["ManagedRuleGroupStatement"]!["Name"]!).Order(StringComparer.Ordinal));
        Assert.All(managed, r =>
        {
            Assert.Equal("AWS", (string?)r["Statement"]!["ManagedRuleGroupStatement"]!["VendorName"]);
            // "None" keeps the groups' block actions; "Count" would only observe.
            Assert.Equal(["None"], r["OverrideAction"]!.AsObject().Select(p => p.Key));
        });

        var rate = Assert.Single(rules, r => r["Statement"]!["RateBasedStatement"] is not null);
        Assert.NotNull(rate["Action"]!["Block"]);
        Assert.Equal(aggregateKey, (string?)rate["Statement"]!["RateBasedStatement"]!["AggregateKeyType"]);
        Assert.True((long)rate["Statement"]!["RateBasedStatement"]!["Limit"]! <= 2000);

        Assert.Equal(rules.Count, rules.Select(r => (int)r["Priority"]!).Distinct().Count());
        Assert.All(rules.Append(properties), r => Assert.True((bool)r["VisibilityConfig"]!["CloudWatchMetricsEnabled"]!));
    }
}
