using Rampart.Architecture.Edge;
using Rampart.Architecture.Tests.Data;

namespace Rampart.Architecture.Tests.Edge;

/// <summary>The edge constructs on their own, as another team's CDK app would use them.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class EdgeConstructTests
{
    [Fact]
    public void NET_13_a_cloudfront_web_acl_outside_us_east_1_is_refused()
    {
        var harness = new ConstructHarness("eu-west-1");

        var error = Assert.Throws<ArgumentException>(() => new EdgeWebAcl(harness.Stack, "Acl", new EdgeWebAclProps { Name = "acl", Scope = WebAclScope.CloudFront }));

        Assert.Contains("CloudFront web ACLs exist only in us-east-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NET_13_a_standalone_web_acl_keeps_the_managed_rules_and_the_configured_limit()
    {
        var harness = new ConstructHarness("us-east-1");
        _ = new EdgeWebAcl(harness.Stack, "Acl", new EdgeWebAclProps { Name = "shop", Scope = WebAclScope.CloudFront, RateLimit = 500 });

        var acl = harness.Synthesize().OfType("AWS::WAFv2::WebACL").Single().Resource["Properties"]!.AsObject();
        WebAclAssertions.HasManagedRulesAndRateLimit(acl, "IP");
        Assert.Equal(500, (long)acl["Rules"]!.AsArray().Single(r => r!["Statement"]!["RateBasedStatement"] is not null)!["Statement"]!["RateBasedStatement"]!["Limit"]!);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3_000_000_000)]
    public void NET_13_rate_limits_waf_does_not_accept_are_refused(long limit)
    {
        var props = new EdgeWebAclProps { Name = "acl", Scope = WebAclScope.Regional, RateLimit = limit };

        var error = Assert.Throws<ArgumentException>(props.Validate);
        Assert.Contains($"RateLimit is {limit}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NET_15_the_edge_stack_must_be_in_us_east_1()
    {
        var app = new Amazon.CDK.App();

        var error = Assert.Throws<ArgumentException>(() => new EdgeStack(app, "Edge", new EdgeStackProps
        {
            Env = new Amazon.CDK.Environment { Account = "111111111111", Region = "eu-west-1" },
            Application = "webapp",
            EnvironmentName = "dev",
            WorkloadRegion = "eu-west-1",
            DomainName = "app.example.com",
        }));

        Assert.Contains("must be in us-east-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_08_an_imported_us_east_1_certificate_is_used_and_another_region_gets_a_new_one()
    {
        var app = new Amazon.CDK.App();
        var env = new Amazon.CDK.Environment { Account = "111111111111", Region = "us-east-1" };
        const string Imported = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555";

        var usEast = new EdgeStack(app, "UsEast", new EdgeStackProps
        {
            Env = env,
            Application = "webapp",
            EnvironmentName = "dev",
            WorkloadRegion = "eu-west-1",
            DomainName = "app.example.com",
            CertificateArn = Imported,
        });
        var elsewhere = new EdgeStack(app, "Elsewhere", new EdgeStackProps
        {
            Env = env,
            Application = "webapp",
            EnvironmentName = "staging",
            WorkloadRegion = "eu-west-1",
            DomainName = "app.example.com",
            CertificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555",
        });

        Assert.Equal(Imported, usEast.Certificate.CertificateArn);
        var template = Amazon.CDK.Assertions.Template.FromStack(elsewhere);
        template.ResourceCountIs("AWS::CertificateManager::Certificate", 1);
        Amazon.CDK.Assertions.Template.FromStack(usEast).ResourceCountIs("AWS::CertificateManager::Certificate", 0);
    }

    [Fact]
    public void Origin_load_balancer_props_are_checked_before_anything_is_built()
    {
        var props = new OriginLoadBalancerProps
        {
            Vpc = null!,
            Subnets = null!,
            SecurityGroups = [],
            Certificate = null!,
            AccessLogsBucket = null!,
            Target = null!,
            TargetPort = 8080,
            OriginVerifyValue = "x",
        };

        var error = Assert.Throws<ArgumentException>(props.Validate);
        Assert.Contains("SecurityGroups is empty", error.Message, StringComparison.Ordinal);
    }
}
