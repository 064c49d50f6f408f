using System.Xml.Linq;
using Rampart.Policy.Reporting.Tests.Scan;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting.Tests;

public sealed class JUnitReportWriterTests
{
    [Fact]
    public void Output_is_well_formed_XML_with_counts_that_add_up()
    {
        var document = XDocument.Parse(GoldenFileTests.Write("junit"));
        var root = document.Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        // 5 controls + 1 input error + 2 suppression problems.
        Assert.Equal(8, Count(root, "tests"));
        // NET-07, CTR-06, DATA-07 fail at the medium threshold; SEC-05 is suppressed; MON-05 did not apply.
        Assert.Equal(3 + 2, Count(root, "failures"));
        Assert.Equal(1, Count(root, "errors"));
        Assert.Equal(Count(root, "tests"), root.Descendants("testcase").Count());
        Assert.Equal(Count(root, "failures"), root.Descendants("failure").Count());
        Assert.Equal(Count(root, "errors"), root.Descendants("error").Count());
        foreach (var suite in root.Elements("testsuite"))
        {
            Assert.Equal(Count(suite, "tests"), suite.Elements("testcase").Count());
            Assert.Equal(Count(suite, "failures"), suite.Descendants("failure").Count());
            Assert.Equal(suite.Attribute("skipped") is null ? 0 : Count(suite, "skipped"), suite.Descendants("skipped").Count());
        }

        Assert.Equal(["Network", "Containers", "Data", "Secrets", "Monitoring", "inputs", "suppressions"], root.Elements("testsuite").Select(s => (string)s.Attribute("name")!));
        Assert.Equal("utf-8", document.Declaration?.Encoding);
    }

    [Fact]
    public void A_control_whose_findings_are_all_below_the_threshold_passes_and_lists_them()
    {
        var report = GoldenScan.Report with { Threshold = Severity.Critical };

        var root = XDocument.Parse(InMemoryScan.Write(new JUnitReportWriter(), report)).Root!;

        var data = root.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("DATA-07", StringComparison.Ordinal));
        Assert.Null(data.Element("failure"));
        Assert.Contains("[below threshold]", (string)data.Element("system-out")!, StringComparison.Ordinal);
        Assert.NotNull(root.Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("CTR-06", StringComparison.Ordinal)).Element("failure"));
    }

    private static int Count(XElement element, string attribute) => int.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);
}
