namespace Rampart.Cli.Tests.Support;

/// <summary>What one in-process run of <c>rampart</c> returned and printed.</summary>
public sealed record CliResult(ExitCode ExitCode, string Output, string Error)
{
    /// <summary>Standard output's lines, without line ends.</summary>
    public IReadOnlyList<string> OutputLines => Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    /// <summary>Standard error's lines, without line ends.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    public override string ToString() => $"exit {(int)ExitCode} ({ExitCode})\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs <c>RampartCli.Run</c> in-process with captured output, a fake environment and a chosen current folder.</summary>
public static class InProcess
{
    public static CliResult Run(string currentDirectory, params string[] args) => Run(currentDirectory, new Dictionary<string, string>(), outputIsTerminal: false, args);

    public static CliResult Run(string currentDirectory, IReadOnlyDictionary<string, string> environment, bool outputIsTerminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = RampartCli.Run(args, output, error, name => environment.GetValueOrDefault(name), outputIsTerminal, currentDirectory);
        return new CliResult((ExitCode)code, output.ToString(), error.ToString());
    }
}
