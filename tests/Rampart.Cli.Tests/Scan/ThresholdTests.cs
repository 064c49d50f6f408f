using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

public sealed class ThresholdTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public ThresholdTests()
    {
        _repository.Write("high.yaml", Templates.PublicSsh);
        _repository.Write("medium.yaml", Templates.SecurityHubWithoutCis);
        _repository.Write("good.yaml", Templates.PrivateHttps);
    }

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("low", ExitCode.Findings)]
    [InlineData("high", ExitCode.Findings)]
    [InlineData("critical", ExitCode.Success)]
    public void High_finding_fails_at_or_below_high(string threshold, ExitCode expected)
    {
        // Only NET-07 runs, so rules added later cannot change the severities in play.
        var result = InProcess.Run(_repository.Root, "scan", "high.yaml", "--only", "NET-07", "--severity-threshold", threshold);

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains("HIGH NET-07 AdminSg", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("medium", ExitCode.Findings)]
    [InlineData("HIGH", ExitCode.Success)]
    public void Only_medium_findings_pass_a_high_threshold(string threshold, ExitCode expected)
    {
        var result = InProcess.Run(_repository.Root, "scan", "medium.yaml", "--only", "MON-04", "-t", threshold);

        Assert.Equal(expected, result.ExitCode);
        Assert.Contains("MEDIUM MON-04 Hub", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_finding_exits_0()
    {
        var result = InProcess.Run(_repository.Root, "scan", "good.yaml", "--only", "NET-07");

        Assert.Equal(ExitCode.Success, result.ExitCode);
    }

    [Fact]
    public void A_bad_threshold_is_one_line_with_the_accepted_values_and_exit_2()
    {
        var result = InProcess.Run(_repository.Root, "scan", "high.yaml", "--severity-threshold", "severe");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal("rampart: --severity-threshold 'severe' is not a severity; accepted: low, medium, high, critical", result.ErrorLines[0]);
        Assert.Empty(result.Output);
    }
}
