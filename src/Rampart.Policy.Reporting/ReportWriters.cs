namespace Rampart.Policy.Reporting;

/// <summary>The formats <c>--format</c> accepts.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<string> Formats { get; } = ["console", "json", "sarif", "junit", "html"];

    /// <summary>The writer for a format name, or null when the name is not one of <see cref="Formats"/>.</summary>
    public static IReportWriter? For(string format, bool color) => format.ToLowerInvariant() switch
    {
        "console" => new ConsoleReportWriter(color),
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(),
        "junit" => new JUnitReportWriter(),
        "html" => new HtmlReportWriter(),
        _ => null,
    };
}
