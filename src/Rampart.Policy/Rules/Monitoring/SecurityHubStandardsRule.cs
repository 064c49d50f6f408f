namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-04: Security Hub is enabled with the AWS Foundational Security Best Practices and the CIS AWS
/// Foundations Benchmark standards. PCI DSS is the seed's "if applicable": a scanner cannot know, so it is
/// not demanded.
/// </summary>
public sealed class SecurityHubStandardsRule : IDeploymentRule
{
    public RuleMetadata Metadata { get; } = new(
        "MON-04",
        "Security Hub is on with FSBP and CIS subscribed",
        Severity.Medium,
        SeedSection.Monitoring,
        [],
        new Remediation(
            CloudFormation: "Add an AWS::SecurityHub::Hub and AWS::SecurityHub::Standard resources with StandardsArn arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0 and arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/cis-aws-foundations-benchmark/v/1.4.0 (or Hub EnableDefaultStandards: true).",
            Cdk: "new securityhub.CfnHub(this, 'Hub') and new securityhub.CfnStandard(this, 'Fsbp', { standardsArn: ... }) for FSBP and CIS."))
    {
        SeedText = "AWS Security Hub enabled standards: AWS Foundational Security Standard; CIS AWS Foundations Benchmark; PCI DSS (if applicable).",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var hubs = deployment.OfType("AWS::SecurityHub::Hub").ToList();
        if (hubs.Count == 0)
        {
            return [deployment.Fail("Security Hub is not enabled in the deployment (no AWS::SecurityHub::Hub)", Workloads.Types, "Hub")];
        }

        // EnableDefaultStandards (true when absent) subscribes FSBP and CIS.
        if (hubs.Any(hub => hub.Get("EnableDefaultStandards").Any(v => v.IsAbsent || v.AsBoolean() == true)))
        {
            return [];
        }

        var standards = deployment.OfType("AWS::SecurityHub::Standard")
            .SelectMany(s => Workloads.Strings(s, s.Get("StandardsArn")))
            .ToList();
        var violations = new List<Violation>();
        foreach (var (marker, name) in new[] { ("aws-foundational-security-best-practices", "AWS Foundational Security Best Practices"), ("cis-aws-foundations-benchmark", "CIS AWS Foundations Benchmark") })
        {
            if (!standards.Any(arn => arn.Contains(marker, StringComparison.Ordinal)))
            {
                violations.Add(hubs[0].Fail($"Security Hub does not subscribe to {name}", marker));
            }
        }

        return violations;
    }
}
