using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;
using Rampart.Policy.Rules.Network;
using Rampart.Policy.Tests.Support;

namespace Rampart.Policy.Tests.Rules.Network;

/// <summary>
/// A template the AWS CDK (Amazon.CDK.Lib 2.160.0) synthesized for a workload built the way the seed asks: three
/// tiers in two zones, the three tier groups, one ACL per tier, the endpoints, flow logs, a restricted default
/// group, an ALB with HTTPS and WAF, Fargate, RDS and CloudFront. Every NET control must apply to it (no vacuous
/// pass) and pass: the rules do not fail on CDK idioms that are secure.
/// </summary>
public sealed class CdkWorkloadTests
{
    private static readonly string Workload = Path.Combine(AppContext.BaseDirectory, "Rules", "Network", "Fixtures", "NET-01", "pass.cdk-workload.json");

    [Fact]
    public void NET_every_control_applies_to_the_cdk_workload_and_passes()
    {
        var deployment = new Deployment("cdk", [FixtureLoader.Load(Workload, "workload.json")]);
        var result = new PolicyEngine(NetworkRules.All).Evaluate([deployment], new EvaluationOptions { Parallel = false });

        Assert.Empty(result.Findings.Select(f => $"{f.Rule.Id} {f.LogicalId} {f.Path}: {f.Message}"));
        Assert.All(result.Controls, control => Assert.Equal(ControlOutcome.Pass, control.Outcome));
        Assert.Equal(15, result.Controls.Count);
    }
}
