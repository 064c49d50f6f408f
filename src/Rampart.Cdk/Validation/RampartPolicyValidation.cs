using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;

namespace Rampart.Cdk.Validation;

/// <summary>Settings of <see cref="RampartPolicyValidation"/>.</summary>
public sealed record RampartPolicyValidationProps
{
    /// <summary>Unsuppressed findings at or above this severity fail synthesis. Default: Low (every finding).</summary>
    public Severity Threshold { get; init; } = Severity.Low;

    /// <summary>The rules to run; default: the whole catalogue.</summary>
    public IReadOnlyList<IRule> Rules { get; init; } = RuleCatalogue.All;
}

/// <summary>
/// A CDK policy validation plugin that runs the Rampart engine on every template the app synthesizes,
/// as the cfn-guard validator does. Any CDK for .NET app adds it in one line:
/// <code>new App(new AppProps { PolicyValidationBeta1 = [new RampartPolicyValidation()] });</code>
/// A finding at or above the threshold fails validation: the CDK prints its standard validation report
/// (control ID, resource, remediation) and sets the Node.js exit code. A .NET app must also check
/// <see cref="Passed"/> after <c>app.Synth()</c>, since jsii does not carry that exit code back (CDK 2.160).
/// Suppressed findings do not fail it.
/// </summary>
public sealed class RampartPolicyValidation : DeputyBase, IPolicyValidationPluginBeta1
{
    private readonly RampartPolicyValidationProps _props;

    public RampartPolicyValidation(RampartPolicyValidationProps? props = null)
    {
        _props = props ?? new RampartPolicyValidationProps();
    }

    public string Name => "Rampart";

    public string? Version => typeof(RampartPolicyValidation).Assembly.GetName().Version?.ToString(3);

    public string[]? RuleIds => _props.Rules.Select(r => r.Metadata.Id).ToArray();

    /// <summary>The result of the last validation (for a compliance summary after synthesis).</summary>
    public EvaluationResult? LastResult { get; private set; }

    /// <summary>False when the last validation found an unsuppressed finding at or above the threshold.</summary>
    public bool Passed { get; private set; } = true;

    /// <summary>Problems loading a synthesized template (should not happen; reported as violations).</summary>
    public IReadOnlyList<LoadError> LastLoadErrors { get; private set; } = [];

    public IPolicyValidationPluginReportBeta1 Validate(IPolicyValidationContextBeta1 context)
    {
        var templates = new List<Template>();
        var errors = new List<LoadError>();
        foreach (var path in context.TemplatePaths)
        {
            switch (TemplateParser.ParseFile(path, Path.GetFileName(path)))
            {
                case ParseResult.Loaded loaded:
                    templates.Add(loaded.Template);
                    break;
                case ParseResult.Failed failed:
                    errors.Add(failed.Error);
                    break;
            }
        }

        var result = new PolicyEngine(_props.Rules).Evaluate([new Deployment("cdk synth", templates)]);
        LastResult = result;
        LastLoadErrors = errors;
        var pathsByName = context.TemplatePaths.ToDictionary(p => Path.GetFileName(p), p => p, StringComparer.Ordinal);
        var failing = result.Unsuppressed.Where(f => f.Severity >= _props.Threshold).ToList();

        var violations = failing
            .GroupBy(f => f.Rule.Id)
            .Select(group => (IPolicyViolationBeta1)new PolicyViolationBeta1
            {
                RuleName = group.Key,
                Description = $"{group.First().Rule.Title}: " + string.Join("; ", group.Select(f => f.Message).Distinct().Take(5)),
                Fix = $"CloudFormation: {group.First().Rule.Remediation.CloudFormation} CDK: {group.First().Rule.Remediation.Cdk}",
                Severity = group.First().Severity.ToString().ToLowerInvariant(),
                RuleMetadata = new Dictionary<string, string>
                {
                    ["section"] = group.First().Rule.Section.ToString(),
                    ["references"] = string.Join(", ", group.First().Rule.References),
                },
                ViolatingResources = group
                    .GroupBy(f => (f.File, f.LogicalId))
                    .Select(resource => (IPolicyViolatingResourceBeta1)new PolicyViolatingResourceBeta1
                    {
                        ResourceLogicalId = resource.Key.LogicalId ?? "(template)",
                        TemplatePath = pathsByName.GetValueOrDefault(resource.Key.File, resource.Key.File),
                        Locations = resource.Select(f => f.Path ?? f.Message).Distinct().ToArray(),
                    })
                    .ToArray(),
            })
            .Concat(errors.Select(error => (IPolicyViolationBeta1)new PolicyViolationBeta1
            {
                RuleName = "template-load",
                Description = error.ToString(),
                ViolatingResources = [],
            }))
            .ToArray();

        Passed = violations.Length == 0;
        return new PolicyValidationPluginReportBeta1
        {
            Success = violations.Length == 0,
            Violations = violations,
            PluginVersion = Version,
        };
    }
}
