using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Policy.Reporting.Tests.Sarif;
using Rampart.Policy.Reporting.Tests.Scan;

namespace Rampart.Policy.Reporting.Tests;

public sealed class SarifReportWriterTests
{
    [Fact]
    public void Golden_scan_validates_against_the_SARIF_2_1_0_schema()
    {
        var sarif = GoldenFileTests.Write("sarif");

        Assert.Empty(SarifSchema.Violations(sarif));
    }

    [Fact]
    public void Schema_validation_rejects_a_broken_log()
    {
        // The validator must be able to fail, or the test above proves nothing.
        var sarif = JsonNode.Parse(GoldenFileTests.Write("sarif"))!;
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        sarif["runs"]![0]!["results"]![1]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;

        var violations = SarifSchema.Violations(sarif.ToJsonString());

        Assert.Contains(violations, v => v.Contains("/runs/0/results/0/level", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("/runs/0/results/1/locations/0/physicalLocation/region/startLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_finding_is_a_result_and_suppressed_ones_carry_their_kind_and_justification()
    {
        using var sarif = JsonDocument.Parse(GoldenFileTests.Write("sarif"));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(GoldenScan.Report.Result.Findings.Count, results.Count);
        var suppressions = results
            .Where(r => r.TryGetProperty("suppressions", out _))
            .Select(r => (Rule: r.GetProperty("ruleId").GetString(), Kind: r.GetProperty("suppressions")[0].GetProperty("kind").GetString(), Why: r.GetProperty("suppressions")[0].GetProperty("justification").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("SEC-05", "external", "Legacy name kept until the v2 parameter migration (SEC-2041)"),
                ("NET-07", "inSource", "Public HTTPS on the edge proxy, reviewed in SEC-1234"),
            ],
            suppressions);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_source_root_and_each_ruleIndex_names_its_rule()
    {
        using var sarif = JsonDocument.Parse(GoldenFileTests.Write("sarif"));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var artifact = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
            Assert.StartsWith("templates/", artifact.GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()]);
        }
    }

    [Fact]
    public void A_file_outside_the_base_folder_is_an_absolute_file_uri_without_a_base()
    {
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere", "my stack.yaml");
        var report = InMemoryScan.Report(outside, ParameterTemplate("app-endpoint"));

        var sarif = InMemoryScan.Write(new SarifReportWriter(), report);

        Assert.Empty(SarifSchema.Violations(sarif));
        using var document = JsonDocument.Parse(sarif);
        var artifact = document.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal(new Uri(outside).AbsoluteUri, artifact.GetProperty("uri").GetString());
        Assert.StartsWith("file:///", artifact.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void Markdown_help_escapes_angle_brackets_so_placeholders_stay_visible()
    {
        using var sarif = JsonDocument.Parse(GoldenFileTests.Write("sarif"));
        var rule = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "SEC-05");

        Assert.Contains(@"/\<application\>/", rule.GetProperty("help").GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Equal("ParameterNamesFollowApplicationEnvironmentComponentParameter", rule.GetProperty("name").GetString());
    }

    internal static string ParameterTemplate(string name) =>
        $$"""
        Resources:
          AppParameter:
            Type: AWS::SSM::Parameter
            Properties:
              Name: "{{name}}"
              Type: String
              Value: x
        """;
}
