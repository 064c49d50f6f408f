using System.CommandLine;
using System.Reflection;
using Rampart.Cli.Controls;
using Rampart.Cli.Scan;
using Rampart.Policy.Rules;

namespace Rampart.Cli;

/// <summary>
/// The <c>rampart</c> command line: arguments to an options record, options to a handler, a handler to an
/// <see cref="ExitCode"/>. Console and environment are passed in so tests run it in-process.
/// </summary>
public static class RampartCli
{
    public const string ExitCodesHelp =
        "Exit codes: 0 nothing at or above the threshold; 1 findings at or above the threshold, a template that could not be parsed, or a broken suppression; 2 bad usage, a path that does not exist, or nothing that could be scanned; 3 an internal error.";

    public static string Version { get; } =
        typeof(RampartCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter standardOutput, TextWriter standardError, Func<string, string?> environment, bool outputIsTerminal)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Templates (JSON or YAML), folders (searched recursively) or CDK cloud assemblies (cdk.out)",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Report format: console, json, sarif, junit, html",
            DefaultValueFactory = _ => "console",
        };
        format.AcceptOnlyFromAmong("console", "json", "sarif", "junit", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var threshold = new Option<Severity>("--severity-threshold", "-t")
        {
            Description = "Findings at or above this severity fail the scan (exit code 1): Low, Medium, High, Critical",
            DefaultValueFactory = _ => Severity.Low,
        };
        var only = new Option<string[]>("--only") { Description = "Run only these controls or sections (e.g. NET-07,Identity); repeatable", AllowMultipleArgumentsPerToken = true };
        var skip = new Option<string[]>("--skip") { Description = "Do not run these controls or sections; repeatable", AllowMultipleArgumentsPerToken = true };
        var suppressions = new Option<string?>("--suppressions", "-s") { Description = "A central suppressions file (YAML or JSON) kept by security reviewers" };
        var noColor = new Option<bool>("--no-color") { Description = "No colour in the console report (also: the NO_COLOR environment variable)" };

        var scan = new Command("scan", "Scan CloudFormation templates against the zero-trust controls.\n" + ExitCodesHelp)
        {
            paths, format, output, threshold, only, skip, suppressions, noColor,
        };
        scan.SetAction(parse =>
        {
            var options = new ScanOptions
            {
                Paths = parse.GetValue(paths) ?? [],
                Format = parse.GetValue(format) ?? "console",
                Output = parse.GetValue(output),
                Threshold = parse.GetValue(threshold),
                Only = parse.GetValue(only) ?? [],
                Skip = parse.GetValue(skip) ?? [],
                SuppressionsFile = parse.GetValue(suppressions),
                Color = outputIsTerminal && !parse.GetValue(noColor) && string.IsNullOrEmpty(environment("NO_COLOR")),
            };
            return (int)new ScanHandler(RuleCatalogue.All, Version).Run(options, standardOutput, standardError);
        });

        var json = new Option<bool>("--json") { Description = "The catalogue as JSON" };
        var controls = new Command("controls", "List the controls Rampart checks, and those it cannot check from a template, with the reason") { json };
        controls.SetAction(parse => (int)ControlsHandler.Run(RuleCatalogue.All, RuleCatalogue.NotScannable, parse.GetValue(json), standardOutput));

        var root = new RootCommand("Rampart: prove that CloudFormation templates follow the zero-trust security architecture.\n" + ExitCodesHelp)
        {
            scan,
            controls,
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                standardError.WriteLine($"rampart: {error.Message}");
            }

            standardError.WriteLine("rampart: see 'rampart --help' or 'rampart scan --help'");
            return (int)ExitCode.UsageOrInput;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = standardOutput, Error = standardError });
    }
}
