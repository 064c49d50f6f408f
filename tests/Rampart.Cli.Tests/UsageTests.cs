using System.Text.RegularExpressions;
using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public UsageTests() => _repository.Write("stack.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("scan", "--help")]
    [InlineData("controls", "-h")]
    public void Help_lists_every_exit_code(params string[] args)
    {
        var result = InProcess.Run(_repository.Root, args);

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.Empty(result.Error);
        var exitCodes = result.OutputLines.SkipWhile(line => line != "Exit codes:").Skip(1).ToList();
        Assert.Equal(["0", "1", "2", "3"], exitCodes.Select(line => Regex.Match(line, @"^\s+(\d)\s").Groups[1].Value));
        Assert.Contains("findings at or above the threshold", exitCodes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_help_describes_every_option()
    {
        var help = InProcess.Run(_repository.Root, "scan", "--help").Output;

        foreach (var option in new[] { "--format", "--output", "--severity-threshold", "--only", "--skip", "--suppressions", "--base-dir", "--no-color" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.Contains("<console|json|sarif|junit|html>", help, StringComparison.Ordinal);
        Assert.Contains("<low|medium|high|critical>", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("-x")]
    public void An_unknown_option_exits_2_and_names_it(string option)
    {
        var result = InProcess.Run(_repository.Root, "scan", option, "stack.yaml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal($"rampart: unknown option '{option}'; see 'rampart scan --help' for the options", result.ErrorLines[0]);
    }

    [Fact]
    public void A_file_whose_name_starts_with_a_dash_is_still_scanned()
    {
        _repository.Write("-odd.yaml", Templates.PublicSsh);

        var result = InProcess.Run(_repository.Root, "scan", "--only", "NET-07", "--", "-odd.yaml");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("-odd.yaml", result.OutputLines);
    }

    [Fact]
    public void An_unknown_command_exits_2()
    {
        var result = InProcess.Run(_repository.Root, "scna", "stack.yaml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal("rampart: see 'rampart --help' or 'rampart scan --help'", result.ErrorLines[^1]);
    }

    [Fact]
    public void Scan_without_a_path_exits_2()
    {
        var result = InProcess.Run(_repository.Root, "scan");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal("rampart: Required argument missing for command: 'scan'.", result.ErrorLines[0]);
    }

    [Fact]
    public void A_bad_format_is_one_line_with_the_accepted_values()
    {
        var result = InProcess.Run(_repository.Root, "scan", "stack.yaml", "--format", "xml");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(["rampart: --format 'xml' is not a format; accepted: console, json, sarif, junit, html", "rampart: see 'rampart --help' or 'rampart scan --help'"], result.ErrorLines);
    }

    [Fact]
    public void Every_usage_error_is_a_single_line()
    {
        foreach (var args in new[] { new[] { "scan", "stack.yaml", "-t" }, ["scan", "stack.yaml", "--format"], ["scan", "stack.yaml", "-t", "x", "-f", "y"] })
        {
            var result = InProcess.Run(_repository.Root, args);

            Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
            Assert.All(result.ErrorLines, line => Assert.StartsWith("rampart: ", line, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var result = InProcess.Run(_repository.Root, "--version");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        Assert.StartsWith(RampartCli.Version, result.Output, StringComparison.Ordinal);
    }
}
