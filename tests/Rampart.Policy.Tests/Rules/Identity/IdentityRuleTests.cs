using Rampart.Policy.Evaluation;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Rules.Identity;

/// <summary>
/// What the fixtures' .expect files do not show: the keys suppressions narrow findings by, proof where a value is
/// only partly known, and the words a platform engineer reads.
/// </summary>
public sealed class IdentityRuleTests
{
    [Fact]
    public void IAM_01_reports_one_administrator_finding_per_statement_and_says_why()
    {
        var findings = Findings("IAM-01", "fail.admin.yaml");

        var admin = Assert.Single(findings, f => f.LogicalId == "Admin");
        Assert.Contains("administrator access", admin.Message, StringComparison.Ordinal);
        Assert.True(admin.Proven);
        Assert.Contains(findings, f => f.LogicalId == "OpsRole" && f.Message.Contains("NotAction", StringComparison.Ordinal));
    }

    [Fact]
    public void IAM_02_keys_each_finding_by_the_action_so_one_grant_can_be_suppressed()
    {
        var keys = Findings("IAM-02", "fail.yaml").Where(f => f.Proven).Select(f => f.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["NotAction", "dynamodb:GetItem", "lambda:*", "s3:*", "sqs:*", "ssm:GetParameter"], keys);
    }

    [Fact]
    public void IAM_02_judges_a_built_wildcard_arn_on_its_known_text_as_proven()
    {
        var finding = Assert.Single(Findings("IAM-02", "fail.yaml"), f => f.Key == "ssm:GetParameter");

        Assert.True(finding.Proven);
        Assert.Equal("when IsProd is false", finding.Condition);
    }

    [Fact]
    public void IAM_03_names_the_aws_managed_execution_role_policy_and_proves_it()
    {
        var finding = Assert.Single(Findings("IAM-03", "fail.yaml"), f => f.Key == "AmazonECSTaskExecutionRolePolicy");

        Assert.True(finding.Proven);
        Assert.Contains("every resource", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_04_asks_for_the_metric_namespace_condition()
    {
        var finding = Assert.Single(Findings("IAM-04", "fail.yaml"), f => f.Key == "cloudwatch:PutMetricData");

        Assert.Contains("cloudwatch:namespace", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_05_keys_findings_by_the_missing_condition_key()
    {
        var keys = Findings("IAM-05", "fail.yaml").Select(f => f.Key).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["aws:RequestedRegion", "aws:SecureTransport"], keys);
    }

    [Fact]
    public void IAM_06_reports_the_cdk_custom_resource_role_by_its_service()
    {
        var finding = Assert.Single(Findings("IAM-06", "fail.yaml"), f => f.LogicalId == "CustomResourceProviderRole");

        Assert.Equal("lambda.amazonaws.com", finding.Key);
        Assert.Contains("confused deputy", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_07_reports_users_keys_and_console_passwords_separately()
    {
        var keys = Findings("IAM-07", "fail.yaml").Select(f => f.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["LoginProfile", "access-key", "user", "user-policy", "user-policy"], keys);
    }

    [Fact]
    public void IAM_08_reports_a_secret_without_policy_at_the_secret_and_a_weak_policy_at_the_policy()
    {
        var findings = Findings("IAM-08", "fail.yaml");

        Assert.Equal("no-policy", Assert.Single(findings, f => f.LogicalId == "ApiKey").Key);
        Assert.Contains("Deny", Assert.Single(findings, f => f.LogicalId == "DbSecretPolicy").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_09_explains_that_kms_star_mixes_administration_and_use()
    {
        var finding = Assert.Single(Findings("IAM-09", "fail.yaml"), f => f.LogicalId == "CdkKey");

        Assert.Equal("mixed", finding.Key);
        Assert.Contains("kms:*", finding.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Finding> Findings(string controlId, string fixture)
    {
        var rule = Assert.Single(RuleCatalogue.All, r => r.Metadata.Id == controlId);
        return RuleFixtureTests.Evaluate(rule, Path.Combine(AppContext.BaseDirectory, "Rules", "Identity", "Fixtures", controlId, fixture));
    }
}
