using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Network;

namespace Rampart.Policy.Tests.Rules.Network;

/// <summary>Edge cases of the NET helpers that fixtures do not show well.</summary>
public sealed class NetworkHelpersTests
{
    [Theory]
    [InlineData("10.0.16.0/24", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/16", false)]
    [InlineData("10.1.0.0/24", "10.0.0.0/16", false)]
    [InlineData("0.0.0.0/0", "10.0.0.0/16", false)]
    [InlineData("10.0.0.2/32", "10.0.0.0/16", true)]
    [InlineData("192.168.1.0/24", "0.0.0.0/0", true)]
    public void NET_10_cidr_containment(string inner, string outer, bool expected) =>
        Assert.Equal(expected, Cidrs.Within(inner, outer));

    [Theory]
    [InlineData("::/0")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.256/24")]
    [InlineData("${VpcCidr}")]
    public void NET_10_unreadable_cidrs_are_not_guessed(string text)
    {
        Assert.Null(Ipv4Block.Parse(text));
        Assert.Null(Cidrs.Within(text, "10.0.0.0/16"));
    }

    [Fact]
    public void NET_12_a_resource_under_a_condition_is_missing_exactly_when_the_condition_is_false()
    {
        var flowLog = Guard.Always.And("LogFlows", true)!;

        var missing = Assert.Single(Scenarios.WhenMissing(Guard.Always, [flowLog]));

        Assert.Equal("when LogFlows is false", missing.Describe());
    }

    [Fact]
    public void NET_12_an_unconditional_candidate_or_two_complementary_ones_leave_nothing_missing()
    {
        Assert.Empty(Scenarios.WhenMissing(Guard.Always, [Guard.Always]));
        Assert.Empty(Scenarios.WhenMissing(Guard.Always, [Guard.Always.And("A", true)!, Guard.Always.And("A", false)!]));
    }

    [Fact]
    public void NET_12_the_subject_condition_is_kept_and_combinations_are_listed_when_no_single_literal_describes_them()
    {
        var subject = Guard.Always.And("HasVpc", true)!;
        Assert.Equal("when HasVpc is true", Assert.Single(Scenarios.WhenMissing(subject, [])).Describe());

        // Missing only when both A and B are false: no single literal says that.
        var missing = Scenarios.WhenMissing(Guard.Always, [Guard.Always.And("A", true)!, Guard.Always.And("B", true)!]);
        Assert.Equal("when A is false and B is false", Assert.Single(missing).Describe());
    }

    [Fact]
    public void NET_05_port_sets_allow_known_ports_reject_others_and_cannot_tell_with_unknown_ones()
    {
        var known = new PortSet(new HashSet<int> { 8080 }, false);
        var partlyUnknown = new PortSet(new HashSet<int> { 5432 }, true);

        Assert.True(known.Allows(8080));
        Assert.False(known.Allows(22));
        Assert.True(partlyUnknown.Allows(5432));
        Assert.Null(partlyUnknown.Allows(22));
        Assert.True(PortSet.Empty.Allows(9000));
        Assert.Equal("5432 or a port that cannot be resolved", partlyUnknown.Describe());
    }

    [Fact]
    public void NET_rules_do_not_apply_to_a_template_without_network_resources()
    {
        var document = new TemplateDocument("bucket.yaml");
        var type = document.AddScalar("AWS::S3::Bucket", ScalarKind.String, 0, 0);
        var bucket = document.AddMapping([new EntryRecord("Type", 0, 0, type)], 3, 3);
        var resources = document.AddMapping([new EntryRecord("Bucket", 2, 3, bucket)], 0, 0);
        var root = document.AddMapping([new EntryRecord("Resources", 0, 0, resources)], 1, 1);
        var deployment = new Deployment("lone bucket", [new Template("bucket.yaml", document.Node(root).AsMapping()!.Value)]);

        var result = new PolicyEngine(NetworkRules.All).Evaluate([deployment], new EvaluationOptions { Parallel = false });

        Assert.Empty(result.Findings);
        Assert.All(result.Controls, control => Assert.Equal(ControlOutcome.NotApplicable, control.Outcome));
    }
}
