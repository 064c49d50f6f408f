using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Rampart.App;
using Rampart.Architecture.Stacks;
using Rampart.Policy.Rules;

namespace Rampart.Architecture.Tests.App;

/// <summary>
/// "Done when": the app is its own gate. A control broken in the architecture makes synthesis fail with
/// exit code 3 and one line that names the control, the resource and the remediation. One synthesis.
/// </summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class PolicyGateTests : IDisposable
{
    private readonly AppRun _run = new();
    private readonly StringWriter _out;
    private readonly StringWriter _err;
    private readonly string _directory;

    public PolicyGateTests()
    {
        _out = _run.Out;
        _err = _run.Err;
        _directory = _run.Directory;
    }

    public void Dispose() => _run.Dispose();

    [Fact]
    public void NET_06_a_database_group_opened_to_the_vpc_fails_the_app_with_control_resource_and_remediation()
    {
        string? databaseGroupId = null;
        string? vpcCidr = null;
        var command = new SynthesizeCommand(_out, _err, _ => null, beforeSynthesis: app =>
        {
            // The mistake the seed's database pattern forbids: the database port open to the whole VPC.
            var workload = app.Node.FindAll().OfType<WorkloadStack>().First();
            var group = workload.Network.DatabaseSecurityGroup;
            vpcCidr = workload.Target.VpcCidr;
            group.AddIngressRule(Peer.Ipv4(vpcCidr), Port.Tcp(workload.Configuration.DatabasePort), "opened on purpose by a test");
            databaseGroupId = (string)workload.Resolve(workload.GetLogicalId((CfnElement)group.Node.DefaultChild!));
        });

        var exitCode = command.Run(["--output", Path.Combine(_directory, "assembly")]);

        Assert.True(exitCode == (int)ExitCode.PolicyViolation, $"exit code {exitCode}\n{_err}");
        var net06 = RuleCatalogue.All.Single(r => r.Metadata.Id == "NET-06").Metadata;
        var lines = Lines(_err);
        var finding = Assert.Single(lines, line => line.StartsWith($"rampart-app: NET-06 Webapp-dev-workload/{databaseGroupId} ", StringComparison.Ordinal) && line.Contains(vpcCidr!, StringComparison.Ordinal));
        Assert.Contains($"Fix: {net06.Remediation.CloudFormation} CDK: {net06.Remediation.Cdk}", finding, StringComparison.Ordinal);

        // Nothing else is wrong with the architecture: every finding is the one control broken here.
        Assert.All(lines[..^1], line => Assert.StartsWith("rampart-app: NET-06 ", line, StringComparison.Ordinal));
        Assert.Equal("rampart-app: policy validation failed: the architecture breaks the controls above (see docs/controls.md)", lines[^1]);

        // The summary still comes, with the broken control counted.
        Assert.Matches(@"^Network\s+\d+ passed, 1 failed, ", Lines(_out).Single(line => line.StartsWith("Network ", StringComparison.Ordinal)));
    }

    private static string[] Lines(StringWriter writer) => AppRun.Lines(writer);
}
