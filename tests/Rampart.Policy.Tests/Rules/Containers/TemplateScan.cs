using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Rampart.Policy.Tests.Support;

namespace Rampart.Policy.Tests.Rules.Containers;

/// <summary>Runs one rule over a template written in the test, or over a fixture of the catalogue, for tests on messages and keys.</summary>
internal static class TemplateScan
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Rules");

    public static IRule Rule(string controlId) => Assert.Single(RuleCatalogue.All, r => r.Metadata.Id == controlId);

    /// <summary>Findings of the rule on a YAML (or JSON) template given as text.</summary>
    public static IReadOnlyList<Finding> Text(string controlId, string template)
    {
        var file = Path.Combine(Path.GetTempPath(), $"rampart-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, template);
        try
        {
            var deployment = new Deployment("test", [FixtureLoader.Load(file, "template.yaml")]);
            return new PolicyEngine([Rule(controlId)]).Evaluate([deployment], new EvaluationOptions { Parallel = false }).Findings;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Findings of the rule on a fixture, e.g. <c>Containers/Fixtures/CTR-03/fail.capabilities.yaml</c>.</summary>
    public static IReadOnlyList<Finding> Fixture(string controlId, string relativePath) =>
        RuleFixtureTests.Evaluate(Rule(controlId), Path.Combine(FixtureRoot, relativePath));

    /// <summary>The finding of one resource whose path is <paramref name="path"/>.</summary>
    public static Finding At(IReadOnlyList<Finding> findings, string logicalId, string? path, string? condition = null) =>
        Assert.Single(findings, f => f.LogicalId == logicalId && f.Path == path && f.Condition == condition);
}
