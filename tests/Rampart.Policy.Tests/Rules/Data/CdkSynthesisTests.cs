using Rampart.Policy.Rules.Containers;
using Rampart.Policy.Rules.Data;

namespace Rampart.Policy.Tests.Rules.Data;

/// <summary>The CTR and DATA rules against real CDK output (see CdkSynthesis.md): CDK idioms that meet a control pass.</summary>
public sealed class CdkSynthesisTests
{
    private static readonly string Synthesized = Path.Combine(AppContext.BaseDirectory, "Rules", "Data", "Fixtures", "DATA-05", "fail.cdk-synth.json");
    private static readonly string Defaults = Path.Combine(AppContext.BaseDirectory, "Rules", "Containers", "Fixtures", "CTR-01", "fail.cdk-defaults.json");

    [Fact]
    public void CTR_and_DATA_rules_pass_a_synthesized_cdk_stack_that_meets_them_except_the_log_bucket_encryption()
    {
        var findings = ContainersRules.All.Concat(DataRules.All)
            .SelectMany(rule => RuleFixtureTests.Evaluate(rule, Synthesized))
            .Select(f => $"{f.Rule.Id} {f.LogicalId} {f.Key}")
            .ToList();

        Assert.Equal(["DATA-05 AccessLogs8B620ECA encryption"], findings);
    }

    [Fact]
    public void CTR_and_DATA_rules_find_what_cdk_construct_defaults_leave_open()
    {
        var findings = ContainersRules.All.Concat(DataRules.All)
            .SelectMany(rule => RuleFixtureTests.Evaluate(rule, Defaults))
            .Select(f => $"{f.Rule.Id} {f.LogicalId} {f.Key}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
        [
            "CTR-01 Ec2TaskDef0226F28C app",
            "CTR-01 TaskDef54694570 app",
            "CTR-02 Ec2TaskDef0226F28C app",
            "CTR-02 TaskDef54694570 app",
            "CTR-03 Ec2TaskDef0226F28C app",
            "CTR-03 TaskDef54694570 app",
            "CTR-04 Ec2TaskDef0226F28C app",
            "CTR-04 TaskDef54694570 app",
            "CTR-05 Ec2TaskDef0226F28C app/cpu",
            "CTR-05 Ec2TaskDef0226F28C task/cpu",
            "CTR-05 Ec2TaskDef0226F28C task/memory",
            "CTR-05 TaskDef54694570 app/cpu",
            "CTR-05 TaskDef54694570 app/memory",
            "CTR-07 Ec2TaskDef0226F28C ",
            "CTR-08 Ec2TaskDef0226F28C app",
            "CTR-08 TaskDef54694570 app",
            "CTR-09 Images2D38C313 immutable-tags",
            "CTR-09 Images2D38C313 kms",
            "CTR-09 Images2D38C313 lifecycle",
            "CTR-09 Images2D38C313 scan-on-push",
            "DATA-01 ClusterEB0386A7 encryption",
            "DATA-02 ClusterEB0386A7 ",
            "DATA-02 Db5D02A0A9 ",
            "DATA-03 ClusterEB0386A7 backups",
            "DATA-03 ClusterEB0386A7 deletion-protection",
            "DATA-03 ClusterEB0386A7 subnets",
            "DATA-03 ClusterEB0386A7 subnets",
            "DATA-03 Db5D02A0A9 backups",
            "DATA-03 Db5D02A0A9 deletion-protection",
            "DATA-03 Db5D02A0A9 subnets",
            "DATA-03 Db5D02A0A9 subnets",
            "DATA-04 ScratchF72D2ED6 ",
            "DATA-05 Data666C94C7 access-logs",
            "DATA-05 Data666C94C7 encryption",
            "DATA-05 Data666C94C7 tls-policy",
            "DATA-05 Data666C94C7 versioning",
            "DATA-06 Key961B73FD alias",
            "DATA-06 Key961B73FD rotation",
            "DATA-07 Logs6819BB44 encryption",
        ], findings);
    }
}
