using System.Text.Json.Nodes;
using Rampart.Architecture.Edge;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Edge;

/// <summary>The default configuration's edge stack in us-east-1 (NET-13, NET-15, DATA-08, SEC-08).</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class CloudFrontEdgeTests(DefaultArchitecture architecture)
{
    private TemplateView Template => architecture.Edge();

    private (string LogicalId, JsonObject Properties) Distribution => Template.One("AWS::CloudFront::Distribution");

    private JsonObject Config => Distribution.Properties["DistributionConfig"]!.AsObject();

    private JsonObject Origin => Assert.Single(Config["Origins"]!.AsArray())!.AsObject();

    [Fact]
    public void Edge_stack_is_in_us_east_1_of_the_environments_account_and_follows_the_workload()
    {
        Assert.Equal("aws://111111111111/us-east-1", architecture.StackEnvironments["Webapp-dev-edge"]);
        Assert.Equal("aws://111111111111/eu-west-1", architecture.StackEnvironments["Webapp-dev-workload"]);

        var artifacts = architecture.NestedManifests["assembly-Webapp-dev"]["artifacts"]!.AsObject();
        var edge = artifacts.Single(a => (string?)a.Value!["properties"]?["stackName"] == "Webapp-dev-edge");
        var workload = artifacts.Single(a => (string?)a.Value!["properties"]?["stackName"] == "Webapp-dev-workload");
        Assert.Contains(workload.Key, TemplateQueries.Strings(edge.Value!["dependencies"]));
    }

    [Fact]
    public void NET_13_cloudfront_web_acl_has_the_managed_rules_and_a_rate_limit()
    {
        var (aclId, acl) = Template.One("AWS::WAFv2::WebACL");

        Assert.Equal("CLOUDFRONT", (string?)acl["Scope"]);
        Assert.Equal("webapp-dev-cloudfront", (string?)acl["Name"]);
        WebAclAssertions.HasManagedRulesAndRateLimit(acl, "IP");
        Assert.Equal($$"""{"Fn::GetAtt":["{{aclId}}","Arn"]}""", Config["WebACLId"]!.ToJsonString());
    }

    [Fact]
    public void NET_15_viewers_use_https_only_with_tls12_2021_on_the_domain()
    {
        var behaviors = (Config["CacheBehaviors"]?.AsArray().Select(b => b!) ?? []).Append(Config["DefaultCacheBehavior"]!);
        Assert.All(behaviors, b => Assert.Contains((string?)b["ViewerProtocolPolicy"], new[] { "redirect-to-https", "https-only" }));

        var certificate = Config["ViewerCertificate"]!;
        Assert.Equal("TLSv1.2_2021", (string?)certificate["MinimumProtocolVersion"]);
        Assert.Equal("sni-only", (string?)certificate["SslSupportMethod"]);
        Assert.Null(certificate["CloudFrontDefaultCertificate"]);
        Assert.Equal(["app.example.com"], TemplateQueries.Strings(Config["Aliases"]));
    }

    [Fact]
    public void NET_15_and_DATA_08_origin_is_reached_over_https_with_tls12_only()
    {
        var custom = Origin["CustomOriginConfig"]!;

        Assert.Equal("https-only", (string?)custom["OriginProtocolPolicy"]);
        Assert.Equal(["TLSv1.2"], TemplateQueries.Strings(custom["OriginSSLProtocols"]));
        Assert.Equal(443, (int)custom["HTTPSPort"]!);
    }

    [Fact]
    public void NET_15_access_logs_are_delivered_to_an_encrypted_log_group()
    {
        var (sourceId, source) = Template.One("AWS::Logs::DeliverySource");
        Assert.Equal(CloudFrontEdge.AccessLogType, (string?)source["LogType"]);
        Assert.Contains(Distribution.LogicalId, TemplateQueries.ReferencedIds(source["ResourceArn"]));
        Assert.Contains(":cloudfront::111111111111:distribution/", source["ResourceArn"]!.ToJsonString(), StringComparison.Ordinal);

        var (destinationId, destination) = Template.One("AWS::Logs::DeliveryDestination");
        var group = TemplateQueries.ReferencedId(destination["DestinationResourceArn"])!;
        var logGroup = Template.Properties(group);
        Assert.Equal("/webapp/dev/edge/cloudfront-access", (string?)logGroup["LogGroupName"]);
        Assert.Equal(Template.KeyIdOfAlias("alias/webapp/dev/edge-logs"), TemplateQueries.ReferencedId(logGroup["KmsKeyId"]));
        Assert.Equal(90, (int)logGroup["RetentionInDays"]!);

        var delivery = Template.SingleOf("AWS::Logs::Delivery");
        Assert.Equal((string?)source["Name"], (string?)delivery["DeliverySourceName"]);
        Assert.Equal(destinationId, TemplateQueries.ReferencedId(delivery["DeliveryDestinationArn"]));
        Assert.Contains(sourceId, TemplateQueries.Strings(Template.Resource(Template.Single("AWS::Logs::Delivery", "CloudFrontAccessLogDelivery"))["DependsOn"]));
    }

    [Fact]
    public void NET_15_only_this_accounts_log_deliveries_may_write_the_access_log_group()
    {
        var (policyId, policy) = Template.One("AWS::Logs::ResourcePolicy");
        // The document is a string joined around the log group's ARN: read its literal parts.
        var document = string.Concat(policy["PolicyDocument"]!["Fn::Join"]![1]!.AsArray().Select(p => p is JsonValue v ? (string)v! : "<ref>"));

        Assert.Contains("\"Principal\":{\"Service\":\"delivery.logs.amazonaws.com\"}", document, StringComparison.Ordinal);
        Assert.Contains("\"aws:SourceAccount\":\"111111111111\"", document, StringComparison.Ordinal);
        Assert.Contains("logs:PutLogEvents", document, StringComparison.Ordinal);
        Assert.DoesNotContain("logs:*", document, StringComparison.Ordinal);
        Assert.Contains(Template.Single("AWS::Logs::LogGroup", "AccessLogs"), TemplateQueries.ReferencedIds(policy["PolicyDocument"]));
        Assert.Contains(policyId, TemplateQueries.Strings(Template.Resource(Template.Single("AWS::Logs::DeliveryDestination", "CloudFrontAccessLogDestination"))["DependsOn"]));
    }

    [Fact]
    public void SEC_08_viewer_certificate_is_a_dns_validated_acm_certificate_in_us_east_1()
    {
        var (certificateId, certificate) = Template.One("AWS::CertificateManager::Certificate");

        Assert.Equal("app.example.com", (string?)certificate["DomainName"]);
        Assert.Equal("DNS", (string?)certificate["ValidationMethod"]);
        Assert.Equal(certificateId, TemplateQueries.ReferencedId(Config["ViewerCertificate"]!["AcmCertificateArn"]));
    }

    [Fact]
    public void Origin_is_the_workloads_load_balancer_with_the_header_it_checks_read_from_its_region()
    {
        var reads = Template.OfType("Custom::CrossRegionParameter")
            .ToDictionary(r => r.LogicalId, r => JsonNode.Parse((string)r.Resource["Properties"]!["Create"]!)!);
        Assert.All(reads.Values, call =>
        {
            Assert.Equal("SSM", (string?)call["service"]);
            Assert.Equal("getParameter", (string?)call["action"]);
            Assert.Equal("eu-west-1", (string?)call["region"]);
        });

        var domain = reads.Single(r => (string?)r.Value["parameters"]!["Name"] == "/webapp/dev/edge/origin-domain").Key;
        var verify = reads.Single(r => (string?)r.Value["parameters"]!["Name"] == "/webapp/dev/edge/origin-verify").Key;
        Assert.Equal($$"""{"Fn::GetAtt":["{{domain}}","Parameter.Value"]}""", Origin["DomainName"]!.ToJsonString());
        var header = Assert.Single(Origin["OriginCustomHeaders"]!.AsArray())!;
        Assert.Equal(OriginLoadBalancer.OriginVerifyHeader, (string?)header["HeaderName"]);
        Assert.Equal($$"""{"Fn::GetAtt":["{{verify}}","Parameter.Value"]}""", header["HeaderValue"]!.ToJsonString());

        // All viewer headers, Host included, go to the origin: CloudFront checks the load balancer's
        // certificate (for the domain) against Host. Nothing is cached.
        var behavior = Config["DefaultCacheBehavior"]!;
        Assert.Equal("216adef6-5c7f-47e4-b989-5492eafa07d3", (string?)behavior["OriginRequestPolicyId"]);
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", (string?)behavior["CachePolicyId"]);
    }

    [Fact]
    public void IAM_02_and_IAM_06_the_parameter_reader_reads_one_path_of_one_region_and_writes_its_own_logs()
    {
        var (roleId, role) = Template.One("AWS::IAM::Role");
        var trust = Assert.Single(role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("lambda.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("111111111111", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        Assert.Null(role["ManagedPolicyArns"]);

        var statements = Template.StatementsOfRole(roleId);
        Assert.All(statements, s =>
        {
            Assert.True(s.IsAllow);
            Assert.Empty(s.LiteralResources);
            Assert.Equal("true", (string?)s.ConditionValue("Bool", "aws:SecureTransport"));
        });
        var reads = statements.Where(s => s.Actions.SequenceEqual(["ssm:GetParameter"])).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, s =>
        {
            Assert.EndsWith(":ssm:eu-west-1:111111111111:parameter/webapp/dev/edge/*\"]]}", s.Statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(["eu-west-1"], TemplateQueries.Strings(s.ConditionValue("StringEquals", "aws:RequestedRegion")));
        });
        var logs = Assert.Single(statements, s => !reads.Contains(s));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], logs.Actions);
        Assert.Equal(Template.Single("AWS::Logs::LogGroup", "CustomResourceLogs"), TemplateQueries.ReferencedId(logs.Statement["Resource"]));
    }

    [Fact]
    public void DATA_06_and_DATA_07_edge_logs_use_their_own_rotating_key_and_expire()
    {
        var key = Template.KeyIdOfAlias("alias/webapp/dev/edge-logs");
        Assert.True((bool)Template.Properties(key)["EnableKeyRotation"]!);

        Assert.All(Template.PropertiesOf("AWS::Logs::LogGroup"), group =>
        {
            Assert.Equal(key, TemplateQueries.ReferencedId(group["KmsKeyId"]));
            Assert.NotNull(group["RetentionInDays"]);
        });
        var function = Template.SingleOf("AWS::Lambda::Function");
        Assert.Equal(Template.Single("AWS::Logs::LogGroup", "CustomResourceLogs"), TemplateQueries.ReferencedId(function["LoggingConfig"]!["LogGroup"]));
    }

    [Fact]
    public void IAM_09_edge_key_separates_administration_from_use_by_cloudwatch_logs()
    {
        var statements = Template.ResourceStatements().Where(s => s.Kind == "AWS::KMS::Key").ToList();

        var administration = Assert.Single(statements, s => (string?)s.Statement["Sid"] == "KeyAdministration");
        Assert.DoesNotContain(administration.Actions, a => a is "kms:Decrypt" or "kms:Encrypt" or "kms:CreateGrant" || a.StartsWith("kms:GenerateDataKey", StringComparison.Ordinal));
        var use = Assert.Single(statements, s => (string?)s.Statement["Sid"] == "KeyUseByCloudWatchLogs");
        Assert.Equal("logs.us-east-1.amazonaws.com", (string?)use.Statement["Principal"]!["Service"]);
        Assert.Contains(":logs:us-east-1:111111111111:log-group:*", use.ConditionValue("ArnLike", "kms:EncryptionContext:aws:logs:arn")!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, statements.Count);
    }

    [Fact]
    public void Distribution_name_is_an_output_without_export()
    {
        var output = Template.Json["Outputs"]!["DistributionDomainName"]!;

        Assert.Equal($$"""{"Fn::GetAtt":["{{Distribution.LogicalId}}","DomainName"]}""", output["Value"]!.ToJsonString());
        Assert.Null(output["Export"]);
        Assert.DoesNotContain("Fn::ImportValue", Template.Json.ToJsonString(), StringComparison.Ordinal);
    }
}
