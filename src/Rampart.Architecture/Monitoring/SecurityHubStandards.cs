using Amazon.CDK;
using Amazon.CDK.AWS.SecurityHub;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="SecurityHubStandards"/>.</summary>
public sealed class SecurityHubStandardsProps
{
    /// <summary>Also subscribe PCI DSS v4.0.1 (the seed: "if applicable"). Default: false.</summary>
    public bool PciDss { get; init; }
}

/// <summary>
/// MON-04: Security Hub with consolidated control findings, subscribed to the AWS Foundational Security
/// Best Practices and the CIS AWS Foundations Benchmark (v3.0.0), and PCI DSS when configured. Standard
/// ARNs are regional and built from the deploying region and partition.
/// </summary>
public sealed class SecurityHubStandards : Construct
{
    /// <summary>The standard paths after <c>arn:&lt;partition&gt;:securityhub:&lt;region&gt;::</c>.</summary>
    public const string FoundationalSecurityBestPractices = "standards/aws-foundational-security-best-practices/v/1.0.0";

    public const string CisFoundationsBenchmark = "standards/cis-aws-foundations-benchmark/v/3.0.0";

    public const string PciDss = "standards/pci-dss/v/4.0.1";

    public SecurityHubStandards(Construct scope, string id, SecurityHubStandardsProps props)
        : base(scope, id)
    {
        Hub = new CfnHub(this, "Hub", new CfnHubProps
        {
            // Subscribe explicitly below rather than accept whatever "default" means next year.
            EnableDefaultStandards = false,
            ControlFindingGenerator = "SECURITY_CONTROL",
            AutoEnableControls = true,
        });

        Subscribe("FoundationalSecurityBestPractices", FoundationalSecurityBestPractices);
        Subscribe("CisFoundationsBenchmark", CisFoundationsBenchmark);
        if (props.PciDss)
        {
            Subscribe("PciDss", PciDss);
        }
    }

    /// <summary>The Security Hub hub of this account and region.</summary>
    public CfnHub Hub { get; }

    /// <summary>The hub's ARN (<c>hub/default</c>), for policies that read findings.</summary>
    public string HubArn => Hub.AttrArn;

    private void Subscribe(string id, string standardPath)
    {
        var standard = new CfnStandard(this, id, new CfnStandardProps
        {
            StandardsArn = $"arn:{Aws.PARTITION}:securityhub:{Aws.REGION}::{standardPath}",
        });
        standard.AddDependency(Hub);
    }
}
