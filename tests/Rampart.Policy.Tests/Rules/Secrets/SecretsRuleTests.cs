using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Rules.Secrets;

/// <summary>What the fixtures' .expect files do not show: messages, keys, and that secrets never reach a report.</summary>
public sealed class SecretsRuleTests
{
    private static readonly string[] SecretsInTheFailFixture =
        ["Sup3rS3cret!", "hunter2hunter2", "dev-token-123", "ghp_0123456789", "changeme", "devpass1", "AKIAIOSFODNN7EXAMPLE"];

    [Fact]
    public void SEC_01_messages_never_repeat_the_secret()
    {
        var findings = Findings("SEC-01", "fail.yaml");

        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            Assert.DoesNotContain(SecretsInTheFailFixture, secret => finding.Message.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SEC_01_says_why_a_parameter_without_noecho_is_plain_text()
    {
        var finding = Assert.Single(Findings("SEC-01", "fail.yaml"), f => f.LogicalId == "PartnerConnection");

        Assert.Contains("NoEcho", finding.Message, StringComparison.Ordinal);
        Assert.Equal("ApiKeyValue", finding.Key);
    }

    [Fact]
    public void SEC_02_gives_the_interval_it_found()
    {
        var finding = Assert.Single(Findings("SEC-02", "fail.yaml"), f => f.LogicalId == "AuditRotation");

        Assert.Contains("184 days", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_03_keys_a_replica_finding_by_its_region()
    {
        var finding = Assert.Single(Findings("SEC-03", "fail.yaml"), f => f.Path == "Properties.ReplicaRegions[0].KmsKeyId");

        Assert.Equal("us-east-1", finding.Key);
    }

    [Fact]
    public void SEC_04_explains_which_level_is_wrong()
    {
        var finding = Assert.Single(Findings("SEC-04", "fail.yaml"), f => f.LogicalId == "ParameterOrder");

        Assert.Contains("level 1 (\"webapp\") is not an environment", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_05_explains_which_level_is_wrong()
    {
        var finding = Assert.Single(Findings("SEC-05", "fail.yaml"), f => f.LogicalId == "Underscores");

        Assert.Contains("level 4", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_06_keys_findings_by_container_and_variable()
    {
        var keys = Findings("SEC-06", "fail.yaml").Select(f => f.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["web/AWS_ACCESS_KEY_ID", "web/DB_PASSWORD", "worker/stripeApiKey"], keys);
    }

    [Fact]
    public void SEC_07_says_what_is_missing_the_flag_or_the_reminder()
    {
        var findings = Findings("SEC-07", "fail.no-reminder");

        Assert.Contains("reminder", Assert.Single(findings, f => f.LogicalId == "PaymentApiKey").Message, StringComparison.Ordinal);
        var untagged = Assert.Single(findings, f => f.LogicalId == "WebhookSecret").Message;
        Assert.Contains("manual-90-days", untagged, StringComparison.Ordinal);
        Assert.Contains("reminder", untagged, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_07_does_not_apply_to_a_deployment_without_secrets()
    {
        var rule = Assert.Single(RuleCatalogue.All, r => r.Metadata.Id == "SEC-07");
        var findings = RuleFixtureTests.Evaluate(rule, Path.Combine(AppContext.BaseDirectory, "Rules", "Secrets", "Fixtures", "SEC-08", "pass.yaml"));

        Assert.Empty(findings);
    }

    [Fact]
    public void SEC_08_tells_an_iam_server_certificate_from_an_unchecked_custom_resource()
    {
        var findings = Findings("SEC-08", "fail.yaml");

        Assert.True(Assert.Single(findings, f => f.LogicalId == "ClassicElb").Proven);
        Assert.Contains("custom resource", Assert.Single(findings, f => f.Path == "Properties.Certificates[0].CertificateArn" && f.LogicalId == "OtherCertificates").Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Finding> Findings(string controlId, string fixture)
    {
        var rule = Assert.Single(RuleCatalogue.All, r => r.Metadata.Id == controlId);
        return RuleFixtureTests.Evaluate(rule, Path.Combine(AppContext.BaseDirectory, "Rules", "Secrets", "Fixtures", controlId, fixture));
    }
}
