using System.Runtime.CompilerServices;
using Rampart.Policy.Reporting.Tests.Scan;

namespace Rampart.Policy.Reporting.Tests;

/// <summary>
/// Every writer's output for <see cref="GoldenScan"/>, compared with the files in <c>Golden/</c>.
/// After an intended change of a report, rewrite them and review the diff:
/// <code>RAMPART_UPDATE_GOLDEN=1 dotnet test tests/Rampart.Policy.Reporting.Tests --filter GoldenFileTests</code>
/// </summary>
public sealed class GoldenFileTests
{
    private const string UpdateVariable = "RAMPART_UPDATE_GOLDEN";

    public static TheoryData<string, string> Formats => new()
    {
        { "json", "report.json" },
        { "sarif", "report.sarif" },
        { "junit", "report.junit.xml" },
        { "html", "report.html" },
        { "console", "report.console.txt" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Report_matches_its_golden_file(string format, string goldenName)
    {
        var actual = Write(format);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceGoldenDirectory(), goldenName), actual);
            return;
        }

        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", goldenName)).ReplaceLineEndings("\n");
        Assert.Equal(golden, actual);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Report_holds_no_machine_path_and_only_the_pinned_version(string format, string goldenName)
    {
        _ = goldenName;
        var actual = Write(format);

        Assert.DoesNotContain(AppContext.BaseDirectory.TrimEnd('/', '\\'), actual, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/', '\\'), actual, StringComparison.Ordinal);
        if (format is "json" or "sarif")
        {
            Assert.Contains($"\"{GoldenScan.ToolVersion}\"", actual, StringComparison.Ordinal);
        }
    }

    /// <summary>The written report, with '\n' line ends so the golden files are the same on every OS.</summary>
    internal static string Write(string format)
    {
        var writer = ReportWriters.For(format, color: false) ?? throw new InvalidOperationException(format);
        using var output = new StringWriter();
        writer.Write(GoldenScan.Report, output);
        return output.ToString().ReplaceLineEndings("\n");
    }

    private static string SourceGoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
