using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Rampart.Cli.Controls;
using Rampart.Cli.Scan;
using Rampart.Policy.Model;
using Rampart.Policy.Reporting;
using Rampart.Policy.Rules;

namespace Rampart.Cli;

/// <summary>
/// The <c>rampart</c> command line: arguments to an options record, options to a handler, a handler to an
/// <see cref="ExitCode"/>. Console, environment and current directory are passed in so tests run it in-process.
/// </summary>
public static class RampartCli
{
    /// <summary>The exit codes, as printed at the end of every <c>--help</c>.</summary>
    public const string ExitCodesHelp =
        """
        Exit codes:
          0  nothing at or above the severity threshold
          1  findings at or above the threshold, a template that could not be parsed, or a broken suppression
          2  bad usage (unknown option, bad value), a path that does not exist, or no template to scan
          3  an internal error (details with RAMPART_DEBUG=1)
        """;

    /// <summary>The version printed by <c>--version</c> and written into reports (without the commit hash).</summary>
    public static string Version { get; } =
        typeof(RampartCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCode"/>).</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="standardOutput">Where reports and help go.</param>
    /// <param name="standardError">Where errors and, when the report goes elsewhere, the summary go.</param>
    /// <param name="environment">Reads an environment variable (<c>NO_COLOR</c>).</param>
    /// <param name="outputIsTerminal">Whether standard output is a terminal (colour is only used there).</param>
    /// <param name="currentDirectory">Where relative paths start; the process's current directory when null.</param>
    public static int Run(
        string[] args,
        TextWriter standardOutput,
        TextWriter standardError,
        Func<string, string?> environment,
        bool outputIsTerminal,
        string? currentDirectory = null) =>
        Run(args, standardOutput, standardError, environment, outputIsTerminal, currentDirectory, RuleCatalogue.All);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter, Func{string, string?}, bool, string?)"/>, with the rules to run (tests pass their own).</summary>
    internal static int Run(
        string[] args,
        TextWriter standardOutput,
        TextWriter standardError,
        Func<string, string?> environment,
        bool outputIsTerminal,
        string? currentDirectory,
        IReadOnlyList<IRule> catalogue)
    {
        try
        {
            return Parse(args, standardOutput, standardError, environment, outputIsTerminal, currentDirectory, catalogue);
        }
        catch (Exception exception) when (environment("RAMPART_DEBUG") != "1")
        {
            // A crash is a bug: one line, and a distinct exit code from findings (1) and bad usage (2).
            var cause = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
            standardError.WriteLine($"rampart: internal error: {cause.GetType().Name}: {OneLine(cause.Message)} (set RAMPART_DEBUG=1 for details)");
            return (int)ExitCode.InternalError;
        }
    }

    private static int Parse(
        string[] args,
        TextWriter standardOutput,
        TextWriter standardError,
        Func<string, string?> environment,
        bool outputIsTerminal,
        string? currentDirectory,
        IReadOnlyList<IRule> catalogue)
    {
        var workingDirectory = Path.GetFullPath(currentDirectory ?? Environment.CurrentDirectory);
        var paths = new Argument<string[]>("path")
        {
            Description = "Templates (JSON or YAML), folders (searched recursively) or CDK cloud assemblies (cdk.out)",
            Arity = ArgumentArity.OneOrMore,
        };

        // Tokens the parser could not match to an option land here; a '-' in front of a path that does not
        // exist is far more likely a mistyped option than a file name.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value).Where(v => v.Length > 1 && v[0] == '-'))
            {
                var full = Path.GetFullPath(token, workingDirectory);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    result.AddError($"unknown option '{token}'; see 'rampart scan --help' for the options");
                }
            }
        });

        var format = new Option<string>("--format", "-f")
        {
            Description = "Report format",
            HelpName = string.Join('|', ReportWriters.Formats),
            DefaultValueFactory = _ => "console",
            CustomParser = result => OneOf(result, "--format", ReportWriters.Formats, "a format"),
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output", HelpName = "file" };
        var threshold = new Option<Severity>("--severity-threshold", "-t")
        {
            // No default value factory: an absent option is default(Severity), Low, and help shows it in lower case.
            Description = "Findings at or above this severity fail the scan (exit code 1) [default: low]",
            HelpName = "low|medium|high|critical",
            CustomParser = ParseSeverity,
        };
        var only = new Option<string[]>("--only") { Description = "Run only these controls or sections (NET-07, Identity, ...); comma-separated or repeated", HelpName = "ids" };
        var skip = new Option<string[]>("--skip") { Description = "Do not run these controls or sections; comma-separated or repeated", HelpName = "ids" };
        var suppressions = new Option<string?>("--suppressions", "-s") { Description = "A central suppressions file (YAML or JSON) kept by security reviewers", HelpName = "file" };
        var baseDirectory = new Option<string?>("--base-dir")
        {
            Description = "Report file paths relative to this folder (default: the root of the git repository around the current folder, else the current folder)",
            HelpName = "dir",
        };
        var noColor = new Option<bool>("--no-color") { Description = "No colour in the console report (also: the NO_COLOR environment variable)" };

        var scan = new Command("scan", "Scan CloudFormation templates against the zero-trust controls")
        {
            paths, format, output, threshold, only, skip, suppressions, baseDirectory, noColor,
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
                BaseDirectory = parse.GetValue(baseDirectory),
                CurrentDirectory = workingDirectory,
                Color = outputIsTerminal && !parse.GetValue(noColor) && string.IsNullOrEmpty(environment("NO_COLOR")),
            };
            return (int)new ScanHandler(catalogue, Version).Run(options, standardOutput, standardError);
        });

        var json = new Option<bool>("--json") { Description = "The catalogue as JSON" };
        var controls = new Command("controls", "List the controls Rampart checks, and those it cannot check from a template, with the reason") { json };
        controls.SetAction(parse => (int)ControlsHandler.Run(catalogue, RuleCatalogue.NotScannable, parse.GetValue(json), standardOutput));

        var root = new RootCommand("Rampart: prove that CloudFormation templates follow the zero-trust security architecture.")
        {
            scan,
            controls,
        };
        AppendExitCodesToHelp(root, standardOutput);
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } versionOption)
        {
            // The default prints the entry assembly's version: a test host's, when run in-process.
            versionOption.Action = new PrintVersion(standardOutput);
        }


        var parseResult = root.Parse(args);
        // Asking for help wins over the mistakes on the same line ("rampart scan --help" has no path).
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpWithExitCodes)
        {
            foreach (var message in parseResult.Errors.Select(e => OneLine(e.Message)).Distinct(StringComparer.Ordinal))
            {
                standardError.WriteLine($"rampart: {message}");
            }

            standardError.WriteLine("rampart: see 'rampart --help' or 'rampart scan --help'");
            return (int)ExitCode.UsageOrInput;
        }

        // Without the default handler a crash reaches the catch above (one line, exit 3), not a stack trace and exit 1.
        return parseResult.Invoke(new InvocationConfiguration { Output = standardOutput, Error = standardError, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Adds the exit codes after the usual sections of every command's help.</summary>
    private static void AppendExitCodesToHelp(RootCommand root, TextWriter output)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } option)
        {
            option.Action = new HelpWithExitCodes(help, output);
        }
    }

    private sealed class HelpWithExitCodes(HelpAction help, TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = help.Invoke(parseResult);
            output.WriteLine(ExitCodesHelp);
            return exitCode;
        }
    }

    private sealed class PrintVersion(TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine(Version);
            return (int)ExitCode.Success;
        }
    }

    private static string? OneOf(ArgumentResult result, string option, IReadOnlyList<string> accepted, string what)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        var match = accepted.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            result.AddError($"{option} '{value}' is not {what}; accepted: {string.Join(", ", accepted)}");
        }

        return match;
    }

    private static Severity ParseSeverity(ArgumentResult result)
    {
        var names = Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant()).ToList();
        var value = OneOf(result, "--severity-threshold", names, "a severity");
        return value is null ? Severity.Low : Enum.Parse<Severity>(value, ignoreCase: true);
    }

    /// <summary>Parser messages can span lines (lists of choices); an error is one line, and what it quotes is made printable.</summary>
    private static string OneLine(string message) =>
        PrintableText.Of(string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim());
}
