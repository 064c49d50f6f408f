using Rampart.Policy.Reporting.Tests.Scan;

namespace Rampart.Policy.Reporting.Tests;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Text_from_templates_and_suppressions_is_encoded_never_markup()
    {
        var template = SarifReportWriterTests.ParameterTemplate("<script>alert(1)</script>") +
            """

                Metadata:
                  rampart:
                    suppressions:
                      - id: SEC-05
                        reason: "<img src=x onerror=alert(2)>"
            """;
        var report = InMemoryScan.Report("templates/<b>app</b>.yaml", template);

        var html = InMemoryScan.Write(new HtmlReportWriter(), report);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("templates/&lt;b&gt;app&lt;/b&gt;.yaml", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = GoldenFileTests.Write("html");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
    }
}
