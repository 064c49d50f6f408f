using System.Text;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Loading.Suppressions;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Suppressions;

/// <summary>
/// Runs the engine over templates given as text (read by the product's <see cref="TemplateParser"/>) with two
/// small rules of fixed behaviour, so these tests exercise the engine's suppression handling and nothing else.
/// </summary>
internal static class SuppressionScan
{
    public static readonly DateOnly Today = new(2026, 3, 1);

    public static IReadOnlyList<IRule> Rules { get; } = [new OpenIngressRule(), new PrivilegedRule()];

    public static Template Template(string path, string text) =>
        TemplateParser.Parse(path, text) is ParseResult.Loaded loaded
            ? loaded.Template
            : throw new InvalidOperationException($"{path} must parse");

    public static EvaluationResult Evaluate(IEnumerable<Template> templates, string? centralFile = null, Func<RuleMetadata, bool>? filter = null)
    {
        var options = new EvaluationOptions { Today = Today, RuleFilter = filter, Parallel = false };
        if (centralFile is not null)
        {
            var central = Central(centralFile);
            Assert.Null(central.Error);
            options = options with
            {
                CentralSuppressions = central.Suppressions,
                CentralSuppressionProblems = central.Problems,
                AllowInlineSuppressions = central.AllowInline,
            };
        }

        return new PolicyEngine(Rules).Evaluate([new Deployment("scan", templates.ToList())], options);
    }

    public static EvaluationResult Evaluate(string path, string text, string? centralFile = null) => Evaluate([Template(path, text)], centralFile);

    public static SuppressionsFile Central(string text) => SuppressionsFile.Parse("security/suppressions.yaml", Encoding.UTF8.GetBytes(text));

    /// <summary>A security group with one public ingress rule per port, each a NET-07 finding keyed "port N".</summary>
    public static string SecurityGroup(string logicalId, int[] ports, string metadata = "") =>
        $"""
        Resources:
          {logicalId}:
            Type: AWS::EC2::SecurityGroup
        {metadata}
            Properties:
              GroupDescription: test
              SecurityGroupIngress:
        {string.Join("\n", ports.Select(p => $"        - {{ IpProtocol: tcp, FromPort: {p}, ToPort: {p}, CidrIp: 0.0.0.0/0 }}"))}

        """;

    /// <summary>NET-07 stand-in: every ingress from 0.0.0.0/0, keyed by port.</summary>
    private sealed class OpenIngressRule : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("NET-07", "No ingress from the internet", Severity.High, SeedSection.Network, [], new Remediation("close it", "close it"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::EC2::SecurityGroup"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource)
        {
            foreach (var rule in resource.Get("SecurityGroupIngress[*]"))
            {
                var port = resource.Get(rule, "FromPort").First().AsInteger();
                foreach (var cidr in resource.Get(rule, "CidrIp").Where(c => c.AsString() == "0.0.0.0/0"))
                {
                    yield return resource.Fail(cidr, $"admits port {port} from 0.0.0.0/0", $"port {port}");
                }
            }
        }
    }

    /// <summary>CTR-06 stand-in: privileged containers.</summary>
    private sealed class PrivilegedRule : IResourceRule
    {
        public RuleMetadata Metadata { get; } = new("CTR-06", "No privileged containers", Severity.Critical, SeedSection.Containers, [], new Remediation("unprivilege it", "unprivilege it"));

        public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::ECS::TaskDefinition"];

        public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
            resource.Get("ContainerDefinitions[*].Privileged").Where(v => v.AsBoolean() == true).Select(v => resource.Fail(v, "privileged"));
    }
}
