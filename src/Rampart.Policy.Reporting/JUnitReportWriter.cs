using System.Xml;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Model;

namespace Rampart.Policy.Reporting;

/// <summary>
/// JUnit XML for CI test dashboards: one test suite per seed section, one test case per control; a failing
/// control's findings are its failure text; a control that did not apply is skipped; input errors (as JUnit
/// errors) and suppression problems (as failures) are suites of their own, so a broken template or
/// suppression never passes unnoticed.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(ScanReport report, TextWriter output)
    {
        // The declaration names UTF-8, the encoding the CLI writes files in, whatever the TextWriter claims
        // (a StringWriter says UTF-16, and XmlWriter would copy that into the declaration).
        output.WriteLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true };
        using var xml = XmlWriter.Create(output, settings);
        var result = report.Result;
        // By reference: a record's value hash reads every field, and each finding is one object.
        var failing = new HashSet<Finding>(report.Failing, ReferenceEqualityComparer.Instance);
        var findingsByControl = FindingsByControl(result);
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "rampart");
        var problems = result.SuppressionProblems;
        xml.WriteAttributeString("tests", Count(result.Controls.Count + report.Errors.Count + problems.Count));
        xml.WriteAttributeString("failures", Count(result.Controls.Count(c => ControlFails(c, findingsByControl, failing)) + problems.Count));
        xml.WriteAttributeString("errors", Count(report.Errors.Count));

        foreach (var section in result.Controls.GroupBy(c => c.Rule.Section))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", section.Key.ToString());
            xml.WriteAttributeString("tests", Count(section.Count()));
            xml.WriteAttributeString("failures", Count(section.Count(c => ControlFails(c, findingsByControl, failing))));
            xml.WriteAttributeString("skipped", Count(section.Count(c => c.Outcome == ControlOutcome.NotApplicable)));
            foreach (var control in section)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"rampart.{section.Key}");
                xml.WriteAttributeString("name", $"{control.Rule.Id} {control.Rule.Title}");
                var findings = FindingsOf(control, findingsByControl);
                if (control.Outcome == ControlOutcome.NotApplicable)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", "nothing scanned is something this control is about");
                    xml.WriteEndElement();
                }
                else if (ControlFails(control, findingsByControl, failing))
                {
                    var unsuppressed = findings.Where(f => failing.Contains(f)).ToList();
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", $"{unsuppressed.Count} finding(s)");
                    xml.WriteAttributeString("type", control.Rule.Severity.ToString());
                    WriteLines(xml, unsuppressed, finding => ConsoleReportWriter.OneLine(finding));
                    xml.WriteEndElement();
                }

                var notes = findings.Where(f => !failing.Contains(f)).ToList();
                if (notes.Count > 0)
                {
                    xml.WriteStartElement("system-out");
                    WriteLines(xml, notes, f => ConsoleReportWriter.OneLine(f) + (f.Suppression is { } s ? $" [{SuppressionText.Describe(s)}]" : " [below threshold]"));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (report.Errors.Count > 0)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "inputs");
            xml.WriteAttributeString("tests", Count(report.Errors.Count));
            xml.WriteAttributeString("failures", "0");
            xml.WriteAttributeString("errors", Count(report.Errors.Count));
            foreach (var error in report.Errors)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "rampart.inputs");
                xml.WriteAttributeString("name", PrintableText.Of(error.File));
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", error.ToString());
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (problems.Count > 0)
        {
            // A broken suppression fails the scan (exit code 1), so it fails a test case too.
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "suppressions");
            xml.WriteAttributeString("tests", Count(problems.Count));
            xml.WriteAttributeString("failures", Count(problems.Count));
            foreach (var problem in problems)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "rampart.suppressions");
                xml.WriteAttributeString("name", PrintableText.Of($"{problem.Location} {problem.Kind}"));
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", problem.ToString());
                xml.WriteAttributeString("type", problem.Kind.ToString());
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.Flush();
        output.WriteLine();
    }

    /// <summary>
    /// One line per finding, '\n' between them, written line by line rather than joined into one string first; template text
    /// made printable (XML cannot hold most control characters: the writer would throw).
    /// </summary>
    private static void WriteLines(XmlWriter xml, List<Finding> findings, Func<Finding, string> line)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            if (i > 0)
            {
                xml.WriteString("\n");
            }

            xml.WriteString(PrintableText.Of(line(findings[i])));
        }
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool ControlFails(ControlResult control, Dictionary<string, List<Finding>> findingsByControl, HashSet<Finding> failing) =>
        control.Outcome == ControlOutcome.Fail && FindingsOf(control, findingsByControl).Any(failing.Contains);

    /// <summary>Each control's findings in report order, gathered in one pass instead of one pass per control.</summary>
    private static Dictionary<string, List<Finding>> FindingsByControl(EvaluationResult result)
    {
        var byControl = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            if (!byControl.TryGetValue(finding.Rule.Id, out var findings))
            {
                findings = [];
                byControl.Add(finding.Rule.Id, findings);
            }

            findings.Add(finding);
        }

        return byControl;
    }

    private static List<Finding> FindingsOf(ControlResult control, Dictionary<string, List<Finding>> findingsByControl) =>
        findingsByControl.TryGetValue(control.Rule.Id, out var findings) ? findings : [];
}
