using System.Text;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Loading.Inputs;
using Rampart.Policy.Loading.Suppressions;
using Rampart.Policy.Model;
using Rampart.Policy.Reporting;
using Rampart.Policy.Rules;

namespace Rampart.Cli.Scan;

/// <summary>
/// <c>rampart scan</c>: load the inputs, evaluate every selected rule, write the report, choose the exit code.
/// The writers are passed in, so tests drive this directly.
/// </summary>
public sealed class ScanHandler(IReadOnlyList<IRule> catalogue, string toolVersion)
{
    /// <summary>Runs one scan; every problem with the input is one line on <paramref name="standardError"/> or in the report.</summary>
    public ExitCode Run(ScanOptions options, TextWriter standardOutput, TextWriter standardError)
    {
        var timings = PhaseTimings.FromEnvironment(standardError);
        timings.Mark("handler entered");
        var writer = ReportWriters.For(options.Format, options.Color && options.Output is null);
        if (writer is null)
        {
            standardError.WriteLine($"rampart: --format '{options.Format}' is not a format; accepted: {string.Join(", ", ReportWriters.Formats)}");
            return ExitCode.UsageOrInput;
        }

        if (RuleSelection.Parse(options.Only, options.Skip, catalogue) is not { } selection)
        {
            foreach (var problem in RuleSelection.Problems(options.Only, options.Skip, catalogue))
            {
                standardError.WriteLine($"rampart: {problem}");
            }

            return ExitCode.UsageOrInput;
        }

        var currentDirectory = Path.GetFullPath(options.CurrentDirectory);
        var baseDirectory = RepositoryRoot.Find(currentDirectory) ?? currentDirectory;
        if (options.BaseDirectory is { } requestedBase)
        {
            baseDirectory = Path.GetFullPath(requestedBase, currentDirectory);
            if (!Directory.Exists(baseDirectory))
            {
                standardError.WriteLine($"rampart: --base-dir '{requestedBase}': no such directory; accepted: an existing folder that contains the scanned files (usually the repository root)");
                return ExitCode.UsageOrInput;
            }
        }

        var evaluationOptions = new EvaluationOptions { RuleFilter = selection, Today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow) };
        if (options.SuppressionsFile is { } suppressionsPath)
        {
            var full = Path.GetFullPath(suppressionsPath, currentDirectory);
            var central = SuppressionsFile.Load(full, DisplayPath.Of(full, baseDirectory));
            if (central.Error is { } error)
            {
                standardError.WriteLine($"rampart: {error}");
                return ExitCode.UsageOrInput;
            }

            evaluationOptions = evaluationOptions with
            {
                CentralSuppressions = central.Suppressions,
                CentralSuppressionProblems = central.Problems,
                AllowInlineSuppressions = central.AllowInline,
            };
        }

        // Paths on the command line start from the current folder; report paths are relative to the base folder.
        var fullPaths = options.Paths.Select(p => Path.IsPathRooted(p) ? p : Path.Combine(currentDirectory, p)).ToList();
        var (missing, fileBytes) = Measure(fullPaths);
        using var pause = CollectionPause.Begin(fileBytes);
        var inputs = InputCollector.Collect(fullPaths, LoadLimits.Default, baseDirectory);
        timings.Mark("inputs loaded");
        var errors = inputs.Errors.Select(e => new InputProblem(e.File, e.Line, e.Column, e.Message)).ToList();
        var result = new PolicyEngine(catalogue).Evaluate(inputs.Deployments, evaluationOptions);
        timings.Mark("rules evaluated");
        var report = new ScanReport
        {
            Result = result,
            Rules = catalogue.Where(r => selection(r.Metadata)).ToList(),
            Errors = errors,
            Skipped = inputs.Skipped.Select(s => new Policy.Reporting.SkippedInput(s.Path, s.Reason)).ToList(),
            Threshold = options.Threshold,
            ToolVersion = toolVersion,
        };

        var reportToStandardOutput = options.Output is null;
        if (reportToStandardOutput)
        {
            WriteToStandardOutput(writer, report, standardOutput);
        }
        else if (!WriteToFile(writer, report, Path.GetFullPath(options.Output!, currentDirectory), options.Output!, standardError))
        {
            return ExitCode.UsageOrInput;
        }

        timings.Mark("report written");

        // Errors always reach a person: on stderr, unless the console report on stdout already shows them.
        if (!(reportToStandardOutput && writer is ConsoleReportWriter))
        {
            foreach (var error in errors)
            {
                standardError.WriteLine(error);
            }

            foreach (var problem in result.SuppressionProblems)
            {
                standardError.WriteLine(problem);
            }

            standardError.WriteLine(ConsoleReportWriter.Summary(report));
        }

        var nothingToScan = result.TemplateCount == 0 && errors.Count == 0;
        if (nothingToScan)
        {
            standardError.WriteLine($"rampart: no CloudFormation template found in {PrintableText.Of(string.Join(", ", options.Paths))}"
                + (report.Skipped.Count > 0 ? $" ({report.Skipped.Count} file(s) skipped as not templates)" : string.Empty));
        }

        if (missing > 0 || nothingToScan)
        {
            return ExitCode.UsageOrInput;
        }

        return report.Failing.Any() || errors.Count > 0 || result.SuppressionProblems.Count > 0 ? ExitCode.Findings : ExitCode.Success;
    }

    /// <summary>
    /// When the report goes to the process's own standard output and that is UTF-8 (without a byte order mark, as
    /// the console always writes), a report's bytes go straight to it: through the console's TextWriter they were
    /// decoded to text and encoded back (at 5,000 resources, two thirds of the JSON report's time). The console
    /// format keeps its writer (colour, width); any other writer (tests, another encoding) gets text.
    /// </summary>
    private static void WriteToStandardOutput(IReportWriter writer, ScanReport report, TextWriter standardOutput)
    {
        if (writer is ConsoleReportWriter || !ReferenceEquals(standardOutput, Console.Out) || Console.OutputEncoding.CodePage != Encoding.UTF8.CodePage)
        {
            writer.Write(report, standardOutput);
            return;
        }

        standardOutput.Flush();
        using var stream = Console.OpenStandardOutput();
        writer.Write(report, stream);
    }

    private static bool WriteToFile(IReportWriter writer, ScanReport report, string fullPath, string named, TextWriter standardError)
    {
        try
        {
            // No FileStream buffer: the writers hand over chunks of tens of kilobytes, which go straight to the file.
            using var file = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
            writer.Write(report, file);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            standardError.WriteLine($"rampart: --output '{named}': cannot write the report: {exception.Message}");
            return false;
        }
    }

    /// <summary>
    /// How many paths name nothing, and the total size of the inputs when all are files (null when a folder or a
    /// missing path is among them), with one file-system lookup per file.
    /// </summary>
    private static (int Missing, long? FileBytes) Measure(IReadOnlyList<string> paths)
    {
        var missing = 0;
        long? total = 0;
        foreach (var path in paths)
        {
            var file = new FileInfo(path);
            if (file.Exists)
            {
                total += file.Length;
                continue;
            }

            total = null;
            if (!Directory.Exists(path))
            {
                missing++;
            }
        }

        return (missing, total);
    }
}
