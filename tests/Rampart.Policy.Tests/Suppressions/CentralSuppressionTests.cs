using Rampart.Policy.Suppressions;
using static Rampart.Policy.Tests.Suppressions.InlineSuppressionTests;
using static Rampart.Policy.Tests.Suppressions.SuppressionScan;

namespace Rampart.Policy.Tests.Suppressions;

/// <summary>The central suppressions file kept by security reviewers, applied by the engine.</summary>
public sealed class CentralSuppressionTests
{
    private static readonly Model.Template[] Templates =
    [
        Template("infra/edge/web.yaml", SecurityGroup("WebSg", [443, 22])),
        Template("infra/app/app.yaml", SecurityGroup("AppSg", [8080])),
    ];

    [Fact]
    public void By_file_glob_it_suppresses_the_control_in_matching_files_only()
    {
        var result = Evaluate(Templates, """
            suppressions:
              - id: NET-07
                file: infra/edge/*.yaml
                reason: The edge is public by design (SEC-9)
            """);

        Assert.Equal(["infra/edge/web.yaml:port 22", "infra/edge/web.yaml:port 443"], Keys(result.Findings.Where(f => f.IsSuppressed)));
        Assert.Equal(["infra/app/app.yaml:port 8080"], Keys(result.Unsuppressed));
        Assert.All(result.Findings.Where(f => f.IsSuppressed), f => Assert.Equal(SuppressionSource.File, f.Suppression!.Source));
        Assert.Empty(result.SuppressionProblems);
    }

    [Fact]
    public void A_double_star_glob_crosses_folders_and_a_bare_name_matches_in_any_folder()
    {
        var doubleStar = Evaluate(Templates, "suppressions:\n  - { id: NET-07, file: 'infra/**/app.yaml', reason: Reviewed }\n");
        var bareName = Evaluate(Templates, "suppressions:\n  - { id: NET-07, file: app.yaml, reason: Reviewed }\n");

        Assert.Equal(["infra/app/app.yaml:port 8080"], Keys(doubleStar.Findings.Where(f => f.IsSuppressed)));
        Assert.Equal(["infra/app/app.yaml:port 8080"], Keys(bareName.Findings.Where(f => f.IsSuppressed)));
    }

    [Fact]
    public void By_resource_and_finding_it_suppresses_that_one_finding()
    {
        var result = Evaluate(Templates, "suppressions:\n  - { id: NET-07, resource: WebSg, finding: port 443, reason: Public HTTPS }\n");

        Assert.Equal(["infra/edge/web.yaml:port 443"], Keys(result.Findings.Where(f => f.IsSuppressed)));
        Assert.Equal(2, result.Unsuppressed.Count());
    }

    [Fact]
    public void By_control_alone_it_suppresses_that_control_everywhere_and_nothing_else()
    {
        var templates = Templates.Append(Template("task.yaml", """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - { Name: app, Privileged: true }
            """)).ToList();

        var result = Evaluate(templates, "suppressions:\n  - { id: NET-07, reason: Accepted for the pilot }\n");

        Assert.Equal(3, result.Findings.Count(f => f.IsSuppressed));
        Assert.Equal(["CTR-06"], result.Unsuppressed.Select(f => f.Rule.Id));
    }

    [Fact]
    public void Problems_point_into_the_central_file()
    {
        var result = Evaluate(Templates, """
            suppressions:
              - id: NET-07
                resource: GoneSg
                reason: Old exception
              - id: DATA-99
                reason: Typo
            """);

        Assert.Equal(
            [
                "security/suppressions.yaml:2:5: suppression of NET-07 on GoneSg matches no finding: remove it",
                "security/suppressions.yaml:5:5: suppression names unknown control 'DATA-99'; accepted: a control ID such as NET-07 (see 'rampart controls')",
            ],
            result.SuppressionProblems.Select(p => p.ToString()));
    }

    [Fact]
    public void Forbidding_inline_suppressions_ignores_them_and_reports_each()
    {
        var template = Template("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: I say so }")));

        var result = Evaluate([template], "allowInlineSuppressions: false\nsuppressions: []\n");

        Assert.False(Assert.Single(result.Findings).IsSuppressed);
        var problem = Assert.Single(result.SuppressionProblems);
        Assert.Equal(SuppressionProblemKind.InlineForbidden, problem.Kind);
        Assert.Equal("web.yaml:7:13: WebSg: inline suppression of NET-07 is ignored: the suppressions file forbids inline suppressions", problem.ToString());
    }

    [Fact]
    public void A_central_suppression_still_applies_when_inline_ones_are_forbidden()
    {
        var template = Template("web.yaml", SecurityGroup("WebSg", [443], Inline("{ id: NET-07, reason: I say so }")));

        var result = Evaluate([template], "allowInlineSuppressions: false\nsuppressions:\n  - { id: NET-07, resource: WebSg, reason: Reviewed centrally }\n");

        Assert.Equal("Reviewed centrally", Assert.Single(result.Findings).Suppression?.Reason);
    }

    private static List<string> Keys(IEnumerable<Evaluation.Finding> findings) =>
        findings.Select(f => $"{f.File}:{f.Key}").Order(StringComparer.Ordinal).ToList();
}
