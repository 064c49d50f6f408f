using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting.Tests.Scan;

/// <summary>
/// Small rules with fixed metadata standing in for the catalogue's, so the golden reports change when a
/// writer changes, not when another team rewords a product rule. They carry real control IDs and one
/// severity each, and use the same engine paths (resolution, guards, unknowns, keys) as product rules.
/// </summary>
public static class StandInRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new PublicIngress(),
        new PrivilegedContainer(),
        new LogRetention(),
        new ParameterName(),
        new GuardDutyFrequency(),
    ];

    private static Remediation Fix(string what) => new($"In the template, {what}.", $"In the construct's props, {what}.");

    /// <summary>NET-07 (high): ingress from 0.0.0.0/0, one finding per port (the key).</summary>
    public sealed class PublicIngress : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("NET-07", "Security groups admit no traffic from the whole internet", Severity.High, SeedSection.Network,
            [FrameworkReference.Fsbp("EC2.18"), FrameworkReference.Cis("5.2")], Fix("admit the caller's security group instead of 0.0.0.0/0"))
        {
            SeedText = "Deny all other inbound traffic.",
        };

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::EC2::SecurityGroup"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource)
        {
            foreach (var rule in resource.Get("SecurityGroupIngress[*]"))
            {
                var port = resource.Get(rule, "FromPort").First().AsInteger()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
                foreach (var cidr in resource.Get(rule, "CidrIp"))
                {
                    if (cidr.IsUnknown)
                    {
                        yield return resource.Unprovable(cidr, $"admits port {port} from a source that cannot be resolved", $"port {port}");
                    }
                    else if (cidr.AsString() == "0.0.0.0/0")
                    {
                        yield return resource.Fail(cidr, $"admits port {port} from 0.0.0.0/0", $"port {port}");
                    }
                }
            }
        }
    }

    /// <summary>CTR-06 (critical): privileged containers.</summary>
    public sealed class PrivilegedContainer : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("CTR-06", "No privileged containers", Severity.Critical, SeedSection.Containers,
            [FrameworkReference.Fsbp("ECS.4")], Fix("set Privileged to false"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::ECS::TaskDefinition"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
            resource.Get("ContainerDefinitions[*].Privileged")
                .Where(value => value.AsBoolean() == true)
                .Select(value => resource.Fail(value, "container runs privileged"));
    }

    /// <summary>DATA-07 (medium): log groups without a retention period.</summary>
    public sealed class LogRetention : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("DATA-07", "Log groups are encrypted and have a retention period", Severity.Medium, SeedSection.Data,
            [], Fix("set RetentionInDays"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::Logs::LogGroup"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
            resource.GetOne("RetentionInDays").IsAbsent ? [resource.Fail("log group keeps its logs forever: no RetentionInDays")] : [];
    }

    /// <summary>SEC-05 (low): parameter names; the message quotes the template's text (for the HTML encoding test).</summary>
    public sealed class ParameterName : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("SEC-05", "Parameter names follow /<application>/<environment>/<component>/<parameter>", Severity.Low, SeedSection.Secrets,
            [], Fix("rename the parameter"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::SSM::Parameter"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
            resource.Get("Name")
                .Where(name => name.AsString() is { } text && !text.StartsWith('/'))
                .Select(name => resource.Fail(name, $"parameter name '{name.AsString()}' is not /<application>/<environment>/<component>/<parameter>"));
    }

    /// <summary>MON-05 (medium): never applies to the golden scan (no detector), so reports show "not applicable".</summary>
    public sealed class GuardDutyFrequency : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("MON-05", "GuardDuty publishes findings every 15 minutes", Severity.Medium, SeedSection.Monitoring,
            [FrameworkReference.Fsbp("GuardDuty.1")], Fix("set FindingPublishingFrequency to FIFTEEN_MINUTES"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::GuardDuty::Detector"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
            resource.Get("FindingPublishingFrequency")
                .Where(value => value.AsString() != "FIFTEEN_MINUTES")
                .Select(value => resource.Fail(value, "findings are published less often than every 15 minutes"));
    }
}
