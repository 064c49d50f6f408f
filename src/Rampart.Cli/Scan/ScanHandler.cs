using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Loading.Inputs;
using Rampart.Policy.Loading.Suppressions;
using Rampart.Policy.Reporting;
using Rampart.Policy.Rules;

namespace Rampart.Cli.Scan;

/// <summary>
/// <c>rampart scan</c>: load the inputs, evaluate every selected rule, write the report, choose the exit code.
/// The writers are passed in, so tests drive this directly.
/// </summary>
public sealed class ScanHandler(IReadOnlyList<IRule> catalogue, string toolVersion)
{
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

        var evaluationOptions = new EvaluationOptions { RuleFilter = selection, Today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow) };
        var errors = new List<InputProblem>();
        if (options.SuppressionsFile is { } suppressionsPath)
        {
            var central = SuppressionsFile.Load(suppressionsPath);
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

        var missing = options.Paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        using var pause = CollectionPause.Begin();
        var inputs = InputCollector.Collect(options.Paths, LoadLimits.Default);
        timings.Mark("inputs loaded");
        errors.AddRange(inputs.Errors.Select(e => new InputProblem(e.File, e.Line, e.Column, e.Message)));
        var engine = new PolicyEngine(catalogue);
        var result = engine.Evaluate(inputs.Deployments, evaluationOptions);
        timings.Mark("rules evaluated");
        var ran = catalogue.Where(r => selection(r.Metadata)).ToList();
        var report = new ScanReport
        {
            Result = result,
            Rules = ran,
            Errors = errors,
            Skipped = inputs.Skipped.Select(s => new Policy.Reporting.SkippedInput(s.Path, s.Reason)).ToList(),
            Threshold = options.Threshold,
            ToolVersion = toolVersion,
        };

        var reportToStandardOutput = options.Output is null;
        if (reportToStandardOutput)
        {
            writer.Write(report, standardOutput);
        }
        else
        {
            try
            {
                using var file = new StreamWriter(options.Output!, append: false, new System.Text.UTF8Encoding(false));
                writer.Write(report, file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                standardError.WriteLine($"rampart: {options.Output}: cannot write the report: {exception.Message}");
                return ExitCode.UsageOrInput;
            }
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

        if (missing.Count > 0 || (inputs.Deployments.Count == 0 && errors.Count > 0))
        {
            return ExitCode.UsageOrInput;
        }

        return report.Failing.Any() || errors.Count > 0 || result.SuppressionProblems.Count > 0 ? ExitCode.Findings : ExitCode.Success;
    }
}
