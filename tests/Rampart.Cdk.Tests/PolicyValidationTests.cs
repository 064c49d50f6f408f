using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Rampart.Cdk.Suppressions;
using Rampart.Cdk.Validation;
using Rampart.Policy.Rules;

namespace Rampart.Cdk.Tests;

public sealed class PolicyValidationTests
{
    static PolicyValidationTests()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    }

    [Fact]
    public void NET_07_ssh_open_to_the_internet_fails_validation_with_the_control_id()
    {
        var plugin = new RampartPolicyValidation(new RampartPolicyValidationProps { Rules = [.. RuleCatalogue.All.Where(r => r.Metadata.Id == "NET-07")] });
        var app = NewApp(plugin);
        var group = BastionGroup(app);
        _ = group;

        app.Synth();

        Assert.False(plugin.Passed);
        var finding = Assert.Single(plugin.LastResult!.Unsuppressed);
        Assert.Equal("NET-07", finding.Rule.Id);
        Assert.StartsWith("BastionGroup", finding.LogicalId, StringComparison.Ordinal);
        Assert.Equal("Properties.SecurityGroupIngress[0].CidrIp", finding.Path);
    }

    [Fact]
    public void NET_07_a_suppression_with_its_reason_lets_synthesis_pass_and_stays_visible()
    {
        var plugin = new RampartPolicyValidation(new RampartPolicyValidationProps { Rules = [.. RuleCatalogue.All.Where(r => r.Metadata.Id == "NET-07")] });
        var app = NewApp(plugin);
        var group = BastionGroup(app);
        RampartSuppressions.Add(group, "NET-07", "A test bastion: SSH from anywhere is the point of this test", finding: "port 22");

        app.Synth();

        Assert.True(plugin.Passed);
        var finding = Assert.Single(plugin.LastResult!.Findings);
        Assert.True(finding.IsSuppressed);
        Assert.Equal("A test bastion: SSH from anywhere is the point of this test", finding.Suppression!.Reason);
    }

    [Fact]
    public void A_suppression_needs_a_reason()
    {
        var app = new App(new AppProps { Outdir = TemporaryDirectory() });
        var group = BastionGroup(app);

        var error = Assert.Throws<ArgumentException>(() => RampartSuppressions.Add(group, "NET-07", " "));

        Assert.Contains("needs a reason", error.Message, StringComparison.Ordinal);
    }

    private static App NewApp(RampartPolicyValidation plugin) =>
        new(new AppProps { Outdir = TemporaryDirectory(), PolicyValidationBeta1 = [plugin] });

    private static SecurityGroup BastionGroup(App app)
    {
        var stack = new Stack(app, "Bastion", new StackProps { Env = new Amazon.CDK.Environment { Account = "111111111111", Region = "eu-west-1" } });
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes { VpcId = "vpc-12345678", AvailabilityZones = ["eu-west-1a"] });
        var group = new SecurityGroup(stack, "BastionGroup", new SecurityGroupProps { Vpc = vpc, AllowAllOutbound = false });
        group.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(22), "SSH");
        return group;
    }

    private static string TemporaryDirectory() => Path.Combine(Path.GetTempPath(), "rampart-cdk-tests", Guid.NewGuid().ToString("N"));
}
