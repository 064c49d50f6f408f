using System.Text.Json;
using Rampart.Cli.Tests.Support;
using Rampart.Policy.Rules;

namespace Rampart.Cli.Tests.Scan;

public sealed class RuleSelectionTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public RuleSelectionTests() => _repository.Write("stack.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Only_by_control_id_runs_that_control()
    {
        Assert.Equal(["NET-07"], ControlsRun("--only", "net-07"));
    }

    [Fact]
    public void Only_by_section_runs_the_section()
    {
        var expected = RuleCatalogue.All.Where(r => r.Metadata.Section == SeedSection.Monitoring).Select(r => r.Metadata.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, ControlsRun("--only", "Monitoring"));
    }

    [Fact]
    public void Only_takes_commas_and_repeats()
    {
        var expected = RuleCatalogue.All.Where(r => r.Metadata.Id == "NET-07" || r.Metadata.Section == SeedSection.Monitoring).Select(r => r.Metadata.Id).ToList();

        Assert.Equal(expected, ControlsRun("--only", "NET-07,monitoring"));
        Assert.Equal(expected, ControlsRun("--only", "NET-07", "--only", "Monitoring"));
    }

    [Fact]
    public void Skip_by_control_id_and_by_section()
    {
        var all = RuleCatalogue.All.Select(r => r.Metadata.Id).ToList();

        Assert.Equal(all.Where(id => id != "NET-07"), ControlsRun("--skip", "NET-07"));
        Assert.Equal(RuleCatalogue.All.Where(r => r.Metadata.Section != SeedSection.Network).Select(r => r.Metadata.Id), ControlsRun("--skip", "Network"));
    }

    [Fact]
    public void Skip_wins_over_only_and_skipping_the_failing_control_makes_the_scan_pass()
    {
        var failing = InProcess.Run(_repository.Root, "scan", "stack.yaml", "--only", "NET-07,MON-01");
        var skipped = InProcess.Run(_repository.Root, "scan", "stack.yaml", "--only", "NET-07,MON-01", "--skip", "NET-07");

        Assert.Equal(ExitCode.Findings, failing.ExitCode);
        Assert.Equal(ExitCode.Success, skipped.ExitCode);
        Assert.DoesNotContain("NET-07", skipped.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--only", "NET-99")]
    [InlineData("--skip", "Networking")]
    public void A_value_that_names_nothing_exits_2_with_the_accepted_values(string option, string value)
    {
        var result = InProcess.Run(_repository.Root, "scan", "stack.yaml", option, value);

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(
            [$"rampart: {option} '{value}' names no control or section; accepted: a control ID (e.g. NET-07, see 'rampart controls') or a section (Network, Identity, Secrets, Containers, Data, Monitoring)"],
            result.ErrorLines);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Only_does_not_swallow_the_paths_after_it()
    {
        var result = InProcess.Run(_repository.Root, "scan", "--only", "NET-07", "stack.yaml");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
    }

    private List<string> ControlsRun(params string[] selection)
    {
        var result = InProcess.Run(_repository.Root, ["scan", "stack.yaml", "--format", "json", .. selection]);
        Assert.True(result.ExitCode is ExitCode.Success or ExitCode.Findings, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        return report.RootElement.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
    }
}
