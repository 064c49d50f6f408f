using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Reporting.Tests.Scan;

/// <summary>A report from template text held in the test, for checks that need one particular finding.</summary>
public static class InMemoryScan
{
    public static ScanReport Report(string path, string templateText, Severity threshold = Severity.Low)
    {
        if (TemplateParser.Parse(path, templateText) is not ParseResult.Loaded loaded)
        {
            throw new InvalidOperationException($"{path} must parse as a template");
        }

        var result = new PolicyEngine(StandInRules.All).Evaluate([new Deployment("scan", [loaded.Template])], new EvaluationOptions { Today = GoldenScan.Today });
        return new ScanReport { Result = result, Rules = StandInRules.All, Threshold = threshold, ToolVersion = GoldenScan.ToolVersion };
    }

    public static string Write(IReportWriter writer, ScanReport report)
    {
        using var output = new StringWriter();
        writer.Write(report, output);
        return output.ToString();
    }
}
