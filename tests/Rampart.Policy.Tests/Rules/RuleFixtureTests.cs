using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;
using Rampart.Policy.Tests.Support;

namespace Rampart.Policy.Tests.Rules;

/// <summary>
/// Runs every rule over every fixture beside its tests (<c>Rules/&lt;Section&gt;/Fixtures/&lt;ID&gt;/</c>):
/// a <c>pass*</c> fixture must give no finding of the rule, a <c>fail*</c> fixture exactly the findings
/// listed in its <c>.expect</c> file (resource, property path, line, proven, condition). A fixture is a
/// template file, or a folder of templates judged together as one deployment.
/// </summary>
public sealed class RuleFixtureTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Rules");

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var (id, fixture) in AllFixtures())
        {
            data.Add(id, fixture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Rule_gives_exactly_the_expected_findings_on_its_fixture(string controlId, string fixture)
    {
        var rule = Assert.Single(RuleCatalogue.All, r => r.Metadata.Id == controlId);
        var path = Path.Combine(FixtureRoot, fixture);
        var findings = Evaluate(rule, path);

        var name = Path.GetFileName(path);
        var expected = name.StartsWith("pass", StringComparison.Ordinal)
            ? []
            : Expectation.Read(ExpectFile(path));
        if (!name.StartsWith("pass", StringComparison.Ordinal))
        {
            Assert.NotEmpty(expected);
        }

        // Compared as text, one finding a line, so a failure shows the whole difference.
        var actual = findings.Select(f => new Expectation(f.LogicalId, f.Path, f.Location.Line, f.Proven, f.Condition).ToString()).Order(StringComparer.Ordinal);
        var expectedText = string.Join('\n', expected.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        var actualText = string.Join('\n', actual);
        Assert.True(expectedText == actualText, $"{fixture}\nexpected:\n{expectedText}\nactual:\n{actualText}");
    }

    [Fact]
    public void Every_rule_has_a_passing_and_a_failing_fixture()
    {
        var fixtures = AllFixtures().ToList();
        var missing = RuleCatalogue.All
            .Where(rule => !fixtures.Any(f => f.Id == rule.Metadata.Id && Path.GetFileName(f.Fixture).StartsWith("pass", StringComparison.Ordinal))
                || !fixtures.Any(f => f.Id == rule.Metadata.Id && Path.GetFileName(f.Fixture).StartsWith("fail", StringComparison.Ordinal)))
            .Select(rule => rule.Metadata.Id)
            .ToList();
        Assert.Empty(missing);
    }

    /// <summary>Evaluates one rule alone over a fixture file or folder, as one deployment.</summary>
    public static IReadOnlyList<Finding> Evaluate(IRule rule, string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(IsTemplate).Order(StringComparer.Ordinal).ToArray()
            : [path];
        var deployment = new Deployment("fixture", files.Select(f => FixtureLoader.Load(f, Path.GetFileName(f))).ToList());
        var engine = new PolicyEngine([rule]);
        return engine.Evaluate([deployment], new EvaluationOptions { Parallel = false }).Findings;
    }

    private static IEnumerable<(string Id, string Fixture)> AllFixtures()
    {
        if (!Directory.Exists(FixtureRoot))
        {
            yield break;
        }

        foreach (var controlFolder in Directory.GetDirectories(FixtureRoot, "*", SearchOption.AllDirectories)
                     .Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "Fixtures"))
        {
            var id = Path.GetFileName(controlFolder);
            foreach (var entry in Directory.GetFileSystemEntries(controlFolder).Where(e => Directory.Exists(e) || IsTemplate(e)).Order(StringComparer.Ordinal))
            {
                yield return (id, Path.GetRelativePath(FixtureRoot, entry));
            }
        }
    }

    private static bool IsTemplate(string file) => Path.GetExtension(file) is ".yaml" or ".yml" or ".json";

    private static string ExpectFile(string fixture) =>
        Directory.Exists(fixture) ? fixture + ".expect" : Path.ChangeExtension(fixture, ".expect");
}
