using Rampart.Policy.Reporting.Tests.Scan;

namespace Rampart.Policy.Reporting.Tests;

public sealed class ConsoleReportWriterTests
{
    private const char Escape = '\u001b';

    [Fact]
    public void Without_colour_there_is_no_ANSI_escape()
    {
        var text = InMemoryScan.Write(new ConsoleReportWriter(color: false), GoldenScan.Report);

        Assert.DoesNotContain(Escape, text);
        Assert.Contains("CRITICAL CTR-06", text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_colour_severities_are_coloured()
    {
        var text = InMemoryScan.Write(new ConsoleReportWriter(color: true), GoldenScan.Report);

        Assert.Contains(Escape, text);
        // Same words, only decorated: stripping the escapes gives the plain report.
        var plain = System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", string.Empty);
        Assert.Equal(InMemoryScan.Write(new ConsoleReportWriter(color: false), GoldenScan.Report), plain);
    }

    [Fact]
    public void Summary_counts_findings_by_severity_and_names_the_threshold()
    {
        var summary = ConsoleReportWriter.Summary(GoldenScan.Report);

        Assert.Equal(
            "2 template(s), 5 resource(s): 6 finding(s) (1 critical, 4 high, 1 medium), 6 at or above the medium threshold, 2 suppressed, 1 error(s), "
            + "1 file(s) skipped as not templates. Security Rule Compliance 25.0% (target > 95%).",
            summary);
    }
}
