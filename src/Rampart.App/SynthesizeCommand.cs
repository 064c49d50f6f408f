using System.Text.Json;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Stacks;
using Rampart.Cdk.Validation;

namespace Rampart.App;

/// <summary>
/// The app: arguments → options → configuration (loaded and validated before the CDK is touched) →
/// cloud assembly → a short summary. Writers and environment are passed in so tests drive it in-process.
/// </summary>
/// <param name="output">Where the summary goes.</param>
/// <param name="error">Where errors go.</param>
/// <param name="environment">Environment variables (tests pass their own).</param>
/// <param name="beforeSynthesis">A change made to the app before synthesis (tests use it to break a control on purpose).</param>
public sealed class SynthesizeCommand(TextWriter output, TextWriter error, Func<string, string?>? environment = null, Action<Amazon.CDK.App>? beforeSynthesis = null)
{
    public const string Name = "rampart-app";

    /// <summary>The CDK CLI tells the app where to write through this variable.</summary>
    public const string CdkOutDirVariable = "CDK_OUTDIR";

    /// <summary>Set to 1 for stack traces on unexpected failures.</summary>
    public const string DebugVariable = "RAMPART_DEBUG";

    public const string DefaultOutputDirectory = "cdk.out";

    public const string HelpText = """
        Usage: dotnet run --project src/Rampart.App -- [--config FILE] [--output DIR]

        Synthesizes Rampart's zero-trust architecture into a CDK cloud assembly: one stage per
        environment (its workload stack and its CloudFront edge stack). The configuration is
        validated completely before synthesis; every mistake is one line:
        FILE:LINE:COLUMN: FIELD: problem; accepted: ...

        Options:
          -c, --config FILE   The configuration (.yaml, .yml or .json).
                              Default: the embedded default (one dev environment).
          -o, --output DIR    Where to write the cloud assembly.
                              Default: $CDK_OUTDIR when the CDK CLI runs the app (the summary
                          then goes to stderr, leaving stdout to the CLI), else ./cdk.out.
          -h, --help          Show this help.

        Exit codes:
          0  synthesized
          1  synthesis failed unexpectedly (one line; RAMPART_DEBUG=1 adds the stack trace)
          2  invalid configuration or usage (one line per mistake on stderr; nothing is written)
          3  synthesized, but Rampart's policy validation found an unsuppressed finding: the CDK's
             validation report and one line per finding (control, resource, remediation) on stderr

        Every synthesized template is scanned against Rampart's controls (docs/controls.md); a
        compliance summary per seed section follows the stack summary.

        Fields, defaults and examples: docs/configuration.md
        """;

    private readonly Func<string, string?> _environment = environment ?? System.Environment.GetEnvironmentVariable;

    /// <summary>Runs the app; returns the process exit code.</summary>
    public int Run(IReadOnlyList<string> args)
    {
        var options = SynthesizeOptions.Parse(args, out var usageError);
        if (options is null)
        {
            error.WriteLine($"{Name}: {usageError}");
            return (int)ExitCode.InvalidInput;
        }

        if (options.ShowHelp)
        {
            output.WriteLine(HelpText);
            return (int)ExitCode.Synthesized;
        }

        var loaded = LoadConfiguration(options);
        if (!loaded.Succeeded)
        {
            foreach (var mistake in loaded.Errors)
            {
                error.WriteLine(mistake);
            }

            return (int)ExitCode.InvalidInput;
        }

        // Under the CDK CLI stdout carries the template (cdk synth > template.yaml): the summary goes to stderr.
        var summary = IsRunByCdkCli(options) ? error : output;
        return Synthesize(loaded.Configuration!, ResolveOutputDirectory(options), summary);
    }

    /// <summary>The configuration the options name: a file, or the embedded default.</summary>
    public static ConfigurationLoadResult LoadConfiguration(SynthesizeOptions options)
    {
        if (options.ConfigPath is not { } path)
        {
            return ConfigurationLoader.Load(DefaultConfiguration.Text, DefaultConfiguration.SourceName, ConfigurationFormat.Yaml);
        }

        if (!ConfigurationLoader.Extensions.ContainsKey(Path.GetExtension(path)))
        {
            return ConfigurationLoader.Load("", path); // reports the unsupported extension before any read
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot be read ({e.Message})";
            return ConfigurationLoadResult.Failed([new ConfigurationError(path, 0, 0, "(file)", problem, "a readable .yaml, .yml or .json file")]);
        }

        return ConfigurationLoader.Load(text, path);
    }

    /// <summary>--output, else $CDK_OUTDIR (set by the CDK CLI), else ./cdk.out.</summary>
    public string ResolveOutputDirectory(SynthesizeOptions options) =>
        options.OutputDirectory
        ?? (_environment(CdkOutDirVariable) is { Length: > 0 } fromCli ? fromCli : DefaultOutputDirectory);

    /// <summary>True when the CDK CLI runs the app: it sets $CDK_OUTDIR, and no --output overrides it.</summary>
    public bool IsRunByCdkCli(SynthesizeOptions options) =>
        options.OutputDirectory is null && _environment(CdkOutDirVariable) is { Length: > 0 };

    private int Synthesize(RampartConfiguration configuration, string outputDirectory, TextWriter summary)
    {
        // jsii starts Node.js on first use; without this its Node 20 end-of-life banner lands on stderr.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        try
        {
            var validation = new RampartPolicyValidation();
            var app = ArchitectureApp.Create(configuration, outputDirectory, [validation]);
            beforeSynthesis?.Invoke(app);
            var assembly = app.Synth();
            // Environments are stages: their stacks are in nested assemblies.
            foreach (var stack in assembly.StacksRecursively)
            {
                var template = stack.TemplateFullPath;
                summary.WriteLine($"{stack.StackName}: {CountResources(template)} resources, template {Display(template)}");
            }

            summary.WriteLine($"Cloud assembly: {Display(assembly.Directory)}");
            if (validation.LastResult is { } result)
            {
                ComplianceSummary.Write(result, summary);
            }

            if (validation.Passed)
            {
                return (int)ExitCode.Synthesized;
            }

            // One line per finding: control, resource (stack/logical ID: environments share logical IDs), remediation.
            var stackByTemplate = assembly.StacksRecursively
                .GroupBy(stack => Path.GetFileName(stack.TemplateFullPath), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().StackName, StringComparer.Ordinal);
            foreach (var finding in validation.LastResult?.Unsuppressed ?? [])
            {
                var stack = stackByTemplate.GetValueOrDefault(finding.File, finding.File);
                var resource = finding.LogicalId is null ? stack : $"{stack}/{finding.LogicalId}";
                error.WriteLine($"{Name}: {finding.Rule.Id} {resource}{(finding.Path is null ? string.Empty : " " + finding.Path)}: {finding.Message}. Fix: {finding.Rule.Remediation.CloudFormation} CDK: {finding.Rule.Remediation.Cdk}");
            }

            error.WriteLine($"{Name}: policy validation failed: the architecture breaks the controls above (see docs/controls.md)");
            return (int)ExitCode.PolicyViolation;
        }
        catch (Exception e)
        {
            error.WriteLine($"{Name}: synthesis failed: {OneLine(e)}");
            if (_environment(DebugVariable) == "1")
            {
                error.WriteLine(e);
            }

            return (int)ExitCode.SynthesisFailed;
        }
    }

    private static int CountResources(string templatePath)
    {
        using var stream = File.OpenRead(templatePath);
        using var template = JsonDocument.Parse(stream);
        return template.RootElement.TryGetProperty("Resources", out var resources) ? resources.EnumerateObject().Count() : 0;
    }

    /// <summary>Relative to the working directory when inside it; absolute otherwise.</summary>
    private static string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>The message without the JavaScript or .NET stack: jsii errors carry both.</summary>
    private static string OneLine(Exception e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(line => !line.StartsWith("at ", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? e.GetType().Name : string.Join(" ", lines);
    }
}
