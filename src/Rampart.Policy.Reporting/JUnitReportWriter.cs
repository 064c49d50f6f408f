using System.Xml;
using Rampart.Policy.Evaluation;

namespace Rampart.Policy.Reporting;

/// <summary>
/// JUnit XML for CI test dashboards: one test suite per seed section, one test case per control; a failing
/// control's findings are its failure text; a control that did not apply is skipped; input errors are a
/// suite of their own so a broken template never passes unnoticed.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(ScanReport report, TextWriter output)
    {
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(output, settings);
        var result = report.Result;
        var failing = report.Failing.ToHashSet();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "rampart");
        xml.WriteAttributeString("tests", (result.Controls.Count + report.Errors.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", (result.Controls.Count(c => ControlFails(c, result, failing)) + report.Errors.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (var section in result.Controls.GroupBy(c => c.Rule.Section))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", section.Key.ToString());
            xml.WriteAttributeString("tests", section.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", section.Count(c => ControlFails(c, result, failing)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("skipped", section.Count(c => c.Outcome == ControlOutcome.NotApplicable).ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var control in section)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"rampart.{section.Key}");
                xml.WriteAttributeString("name", $"{control.Rule.Id} {control.Rule.Title}");
                var findings = result.Findings.Where(f => f.Rule.Id == control.Rule.Id).ToList();
                if (control.Outcome == ControlOutcome.NotApplicable)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", "nothing scanned is something this control is about");
                    xml.WriteEndElement();
                }
                else if (ControlFails(control, result, failing))
                {
                    var unsuppressed = findings.Where(f => failing.Contains(f)).ToList();
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", $"{unsuppressed.Count} finding(s)");
                    xml.WriteAttributeString("type", control.Rule.Severity.ToString());
                    xml.WriteString(string.Join('\n', unsuppressed.Select(ConsoleReportWriter.OneLine)));
                    xml.WriteEndElement();
                }

                var notes = findings.Where(f => !failing.Contains(f)).ToList();
                if (notes.Count > 0)
                {
                    xml.WriteElementString("system-out", string.Join('\n', notes.Select(f => ConsoleReportWriter.OneLine(f) + (f.Suppression is { } s ? $" [suppressed: {s.Reason}]" : " [below threshold]"))));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        if (report.Errors.Count > 0)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "inputs");
            xml.WriteAttributeString("tests", report.Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", report.Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var error in report.Errors)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "rampart.inputs");
                xml.WriteAttributeString("name", error.File);
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", error.ToString());
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.Flush();
        output.WriteLine();
    }

    private static bool ControlFails(ControlResult control, EvaluationResult result, HashSet<Finding> failing) =>
        control.Outcome == ControlOutcome.Fail && result.Findings.Any(f => f.Rule.Id == control.Rule.Id && failing.Contains(f));
}
