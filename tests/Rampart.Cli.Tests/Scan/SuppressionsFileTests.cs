using System.Text.Json;
using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

/// <summary>The central suppressions file as the CLI reads it: applied, reported, or refused in one line.</summary>
public sealed class SuppressionsFileTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public SuppressionsFileTests() => _repository.Write("infra/admin.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_reviewed_suppression_makes_the_scan_pass_and_keeps_the_finding_visible()
    {
        _repository.Write("security/suppressions.yaml",
            """
            suppressions:
              - id: NET-07
                file: infra/*.yaml
                resource: AdminSg
                finding: port 22
                reason: Bastion replaced by SSM in Q3 (SEC-77)
                expires: 2099-12-31
            """);

        var result = InProcess.Run(_repository.Root, "scan", "infra", "--only", "NET-07", "--suppressions", "security/suppressions.yaml", "--format", "json");

        Assert.True(result.ExitCode == ExitCode.Success, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("file", finding.GetProperty("suppressed").GetProperty("source").GetString());
        Assert.Equal("Bastion replaced by SSM in Q3 (SEC-77)", finding.GetProperty("suppressed").GetProperty("reason").GetString());
    }

    [Fact]
    public void A_bad_date_is_a_suppression_problem_at_its_line_and_the_scan_fails()
    {
        _repository.Write("suppressions.yaml",
            """
            suppressions:
              - id: NET-07
                reason: Bastion
                expires: 31/12/2099
            """);

        var result = InProcess.Run(_repository.Root, "scan", "infra", "--only", "NET-07", "-s", "suppressions.yaml", "--format", "json");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("suppressions.yaml:4:14: suppression of NET-07: expires '31/12/2099' is not a date; accepted: YYYY-MM-DD", result.ErrorLines);
    }

    [Fact]
    public void A_file_that_is_not_a_suppressions_list_exits_2_in_one_line_with_its_position()
    {
        _repository.Write("suppressions.yaml",
            """
            suppressions:
              id: NET-07
              reason: Bastion
            """);

        var result = InProcess.Run(_repository.Root, "scan", "infra", "-s", "suppressions.yaml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(["rampart: suppressions.yaml:2:3: 'suppressions' must be a list of {id, reason, file?, resource?, finding?, expires?}"], result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void A_missing_suppressions_file_exits_2()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra", "-s", "nope.yaml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(["rampart: nope.yaml: the suppressions file does not exist"], result.ErrorLines);
    }

    [Fact]
    public void A_suppressions_file_that_does_not_parse_exits_2_with_line_and_column()
    {
        _repository.Write("suppressions.yaml", "suppressions:\n  - id: NET-07\n    reason: [unclosed\n");

        var result = InProcess.Run(_repository.Root, "scan", "infra", "-s", "suppressions.yaml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Matches(@"^rampart: suppressions\.yaml:\d+:\d+: \S", result.ErrorLines[0]);
    }
}
