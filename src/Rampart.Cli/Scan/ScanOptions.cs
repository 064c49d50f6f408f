using Rampart.Policy.Rules;

namespace Rampart.Cli.Scan;

/// <summary>The arguments of <c>rampart scan</c>, parsed.</summary>
public sealed record ScanOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public string Format { get; init; } = "console";

    /// <summary>Write the report here instead of standard output.</summary>
    public string? Output { get; init; }

    /// <summary>Findings at or above this severity fail the scan (exit code 1).</summary>
    public Severity Threshold { get; init; } = Severity.Low;

    /// <summary>Only these controls (IDs) or sections (names), when not empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Not these controls (IDs) or sections (names).</summary>
    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>The central suppressions file, if any.</summary>
    public string? SuppressionsFile { get; init; }

    /// <summary>
    /// What report paths are relative to (SARIF's <c>%SRCROOT%</c>); null = the git repository around
    /// <see cref="CurrentDirectory"/>, else <see cref="CurrentDirectory"/>. Relative to <see cref="CurrentDirectory"/>.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Where relative paths on the command line start.</summary>
    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Colour in the console report; the CLI decides from NO_COLOR and whether output is redirected.</summary>
    public bool Color { get; init; }

    /// <summary>The day expiry dates are judged against (tests pin it).</summary>
    public DateOnly? Today { get; init; }
}
