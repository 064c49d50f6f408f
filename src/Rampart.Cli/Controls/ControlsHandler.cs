using Rampart.Policy.Rules;
using Spectre.Console;

namespace Rampart.Cli.Controls;

/// <summary><c>rampart controls</c>: the catalogue, and the controls no rule checks, with the reason.</summary>
public static class ControlsHandler
{
    public static ExitCode Run(IReadOnlyList<IRule> rules, IReadOnlyDictionary<string, string> notScannable, bool json, TextWriter output)
    {
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("controls");
                foreach (var rule in rules.Select(r => r.Metadata))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", rule.Id);
                    writer.WriteString("title", rule.Title);
                    writer.WriteString("section", rule.Section.ToString());
                    writer.WriteString("severity", rule.Severity.ToString().ToLowerInvariant());
                    writer.WriteStartArray("references");
                    foreach (var reference in rule.References)
                    {
                        writer.WriteStringValue(reference.ToString());
                    }

                    writer.WriteEndArray();
                    writer.WriteString("remediationCloudFormation", rule.Remediation.CloudFormation);
                    writer.WriteString("remediationCdk", rule.Remediation.Cdk);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("notScanned");
                foreach (var (id, reason) in notScannable.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteString("reason", reason);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCode.Success;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 160;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("Control", "Section", "Severity", "Title", "References");
        foreach (var rule in rules.Select(r => r.Metadata))
        {
            table.AddRow(rule.Id, rule.Section.ToString(), rule.Severity.ToString(), Markup.Escape(rule.Title), Markup.Escape(string.Join(", ", rule.References)));
        }

        console.Write(table);
        if (notScannable.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Not checked by scanning templates:");
            foreach (var (id, reason) in notScannable.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                console.WriteLine($"  {id}: {reason}");
            }
        }

        return ExitCode.Success;
    }
}
