using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

public sealed class ColorTests : IDisposable
{
    private const string Escape = "\u001b[";

    private readonly TempRepository _repository = new();

    public ColorTests() => _repository.Write("stack.yaml", Templates.PublicSsh);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_terminal_gets_colour()
    {
        var result = InProcess.Run(_repository.Root, new Dictionary<string, string>(), outputIsTerminal: true, "scan", "stack.yaml");

        Assert.Contains(Escape, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NO_COLOR_turns_colour_off_even_on_a_terminal()
    {
        var result = InProcess.Run(_repository.Root, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, outputIsTerminal: true, "scan", "stack.yaml");

        Assert.DoesNotContain(Escape, result.Output, StringComparison.Ordinal);
        Assert.Contains("HIGH NET-07", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_color_option_turns_colour_off()
    {
        var result = InProcess.Run(_repository.Root, new Dictionary<string, string>(), outputIsTerminal: true, "scan", "stack.yaml", "--no-color");

        Assert.DoesNotContain(Escape, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_output_and_report_files_get_no_colour()
    {
        var redirected = InProcess.Run(_repository.Root, new Dictionary<string, string>(), outputIsTerminal: false, "scan", "stack.yaml");
        var toFile = InProcess.Run(_repository.Root, new Dictionary<string, string>(), outputIsTerminal: true, "scan", "stack.yaml", "-o", "report.txt");

        Assert.DoesNotContain(Escape, redirected.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, File.ReadAllText(_repository.PathOf("report.txt")), StringComparison.Ordinal);
        Assert.Contains("HIGH NET-07", File.ReadAllText(_repository.PathOf("report.txt")), StringComparison.Ordinal);
    }
}
