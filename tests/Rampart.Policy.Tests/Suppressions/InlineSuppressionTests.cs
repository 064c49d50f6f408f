using Rampart.Policy.Suppressions;
using static Rampart.Policy.Tests.Suppressions.SuppressionScan;

namespace Rampart.Policy.Tests.Suppressions;

/// <summary>Suppressions written in a resource's <c>Metadata.rampart.suppressions</c>.</summary>
public sealed class InlineSuppressionTests
{
    [Fact]
    public void With_a_reason_it_suppresses_and_the_finding_stays_visible_as_suppressed()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Public HTTPS reviewed in SEC-1 }")));

        var finding = Assert.Single(result.Findings);
        Assert.True(finding.IsSuppressed);
        Assert.Equal("Public HTTPS reviewed in SEC-1", finding.Suppression!.Reason);
        Assert.Equal(SuppressionSource.Inline, finding.Suppression.Source);
        Assert.Empty(result.Unsuppressed);
        Assert.Empty(result.SuppressionProblems);
        Assert.Equal(Evaluation.ControlOutcome.Suppressed, result.Controls.Single(c => c.Rule.Id == "NET-07").Outcome);
    }

    [Fact]
    public void Narrowed_by_finding_it_hides_only_that_finding()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443, 22], Inline("{ id: NET-07, finding: port 443, reason: Public HTTPS }")));

        Assert.Equal(["port 443"], result.Findings.Where(f => f.IsSuppressed).Select(f => f.Key));
        Assert.Equal(["port 22"], result.Unsuppressed.Select(f => f.Key));
        Assert.Empty(result.SuppressionProblems);
    }

    [Fact]
    public void Without_a_reason_it_is_not_applied_and_is_reported_where_it_is_written()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07 }")));

        Assert.False(Assert.Single(result.Findings).IsSuppressed);
        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.MissingReason, problem.Kind);
        Assert.Equal("web.yaml:7:13: suppression of NET-07 has no reason: it is ignored until one is written", problem.ToString());
    }

    [Fact]
    public void Expired_it_is_not_applied_and_is_reported()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Temporary, expires: 2026-02-28 }")));

        Assert.False(Assert.Single(result.Findings).IsSuppressed);
        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.Expired, problem.Kind);
        Assert.Equal("web.yaml:7:13: suppression of NET-07 expired on 2026-02-28: its findings are reported again", problem.ToString());
    }

    [Fact]
    public void Expiring_today_it_still_applies()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline($"{{ id: NET-07, reason: Temporary, expires: {Today:yyyy-MM-dd} }}")));

        Assert.True(Assert.Single(result.Findings).IsSuppressed);
        Assert.Empty(result.SuppressionProblems);
    }

    [Fact]
    public void A_date_that_is_not_a_date_is_reported_and_not_applied()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Temporary, expires: next spring }")));

        Assert.False(Assert.Single(result.Findings).IsSuppressed);
        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.Malformed, problem.Kind);
        Assert.Equal("web.yaml:7:55: WebSg: suppression of NET-07: expires 'next spring' is not a date; accepted: YYYY-MM-DD", problem.ToString());
    }

    [Fact]
    public void Naming_an_unknown_control_is_reported()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Public HTTPS }", "{ id: NET-7, reason: typo }")));

        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.UnknownControl, problem.Kind);
        Assert.Equal("web.yaml:8:13: suppression names unknown control 'NET-7'; accepted: a control ID such as NET-07 (see 'rampart controls')", problem.ToString());
    }

    [Fact]
    public void Matching_nothing_is_reported_with_the_keys_it_could_have_named()
    {
        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [22, 443], Inline("{ id: NET-07, finding: '80', reason: Old listener }")));

        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.MatchedNothing, problem.Kind);
        Assert.Equal("web.yaml:7:13: suppression of NET-07 on WebSg (finding '80') matches no finding: remove it (the findings it could narrow to: 'port 22', 'port 443')", problem.ToString());
        Assert.Equal(2, result.Unsuppressed.Count());
    }

    [Fact]
    public void A_suppression_of_a_control_that_did_not_run_is_not_called_unused()
    {
        var templates = new[] { Template("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Public HTTPS }"))) };

        var result = Evaluate(templates, filter: rule => rule.Id != "NET-07");

        Assert.Empty(result.SuppressionProblems);
    }

    [Fact]
    public void It_belongs_to_its_own_template_not_to_a_same_named_resource_elsewhere()
    {
        var templates = new[]
        {
            Template("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: Public HTTPS }"))),
            Template("legacy/web.yaml", SecurityGroup("WebSg", [443])),
        };

        var result = Evaluate(templates);

        Assert.Equal(["web.yaml"], result.Findings.Where(f => f.IsSuppressed).Select(f => f.File));
        Assert.Equal(["legacy/web.yaml"], result.Unsuppressed.Select(f => f.File));
    }

    [Fact]
    public void Rampart_metadata_without_a_suppressions_list_is_reported()
    {
        var metadata = "    Metadata:\n      rampart:\n        suppress: NET-07\n";

        var result = Evaluate("web.yaml", SecurityGroup("WebSg", [443], metadata));

        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.Malformed, problem.Kind);
        Assert.Equal("web.yaml:6:9: WebSg: Metadata.rampart needs a 'suppressions' list of {id, reason, finding?, expires?}", problem.ToString());
    }

    /// <summary>Resource metadata holding the given suppressions (flow mappings); the first is on line 7, column 13.</summary>
    internal static string Inline(params string[] entries) =>
        "    Metadata:\n      rampart:\n        suppressions:\n" + string.Concat(entries.Select(e => $"          - {e}\n"));
}
