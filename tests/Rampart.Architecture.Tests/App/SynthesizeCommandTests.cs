using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.App;
using Rampart.Architecture.Configuration;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading.Inputs;
using Rampart.Policy.Rules;

namespace Rampart.Architecture.Tests.App;

/// <summary>The app, driven in-process. Only the first test synthesizes (synthesis is slow).</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class SynthesizeCommandTests : IDisposable
{
    private readonly AppRun _run = new();
    private readonly StringWriter _out;
    private readonly StringWriter _err;
    private readonly string _directory;

    public SynthesizeCommandTests()
    {
        _out = _run.Out;
        _err = _run.Err;
        _directory = _run.Directory;
    }

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Default_configuration_synthesizes_into_the_output_directory_with_a_summary()
    {
        var output = Path.Combine(_directory, "assembly");

        var exitCode = Command().Run(["--output", output]);

        Assert.True(exitCode == 0, _err.ToString());
        Assert.Equal("", _err.ToString());

        // The environment is a stage: its stacks are in the nested assembly assembly-Webapp-dev.
        var stage = Path.Combine(output, "assembly-Webapp-dev");
        var workload = TemplateOf(stage, "Webapp-dev-workload");
        var edge = TemplateOf(stage, "Webapp-dev-edge");
        var lines = Lines(_out);
        Assert.Equal(
            [
                $"Webapp-dev-workload: {ResourceCount(workload)} resources, template {workload}",
                $"Webapp-dev-edge: {ResourceCount(edge)} resources, template {edge}",
                $"Cloud assembly: {output}",
            ],
            lines[..3]);

        // The compliance block gives the verdict of Rampart's own scan of the assembly (every stage's
        // templates): no control failed, and the seed's "Security Rule Compliance" KPI is over 95%.
        var scan = Scan(output);
        Assert.DoesNotContain(scan.Controls, c => c.Outcome == ControlOutcome.Fail);
        Assert.True(scan.CompliancePercent > 95, $"{scan.CompliancePercent}");
        Assert.Equal(
            [
                "Compliance (Rampart's controls on the synthesized templates):",
                .. Enum.GetValues<SeedSection>().Select(section => $"{section,-11} {Counts(scan.Controls.Where(c => c.Rule.Section == section))}"),
                $"All         {Counts(scan.Controls)}",
                $"Security Rule Compliance: {scan.CompliancePercent!.Value.ToString("0.0", CultureInfo.InvariantCulture)}% (target > 95%)",
            ],
            lines[3..]);

        // A "missing" entry would mean the CDK wanted a context lookup (credentials, network) to finish.
        foreach (var directory in new[] { output, stage })
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")))!.AsObject();
            Assert.False(manifest.ContainsKey("missing"), manifest["missing"]?.ToJsonString());
        }
    }

    [Fact]
    public void Invalid_configuration_exits_2_with_one_line_per_mistake_on_stderr_and_writes_nothing()
    {
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "bad.yaml");
        File.WriteAllText(config, DefaultConfiguration.Text
            .Replace("applicationPort: 8080", "applicationPort: 3389", StringComparison.Ordinal)
            .Replace("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0.0/24", StringComparison.Ordinal));
        var output = Path.Combine(_directory, "assembly");

        var exitCode = Command().Run(["--config", config, "--output", output]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", _out.ToString());
        Assert.Equal(
            [
                $"{config}:16:18: applicationPort: 3389 is RDP, which may never be opened (3389); accepted: an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)",
                $"{config}:49:14: environments[0].vpcCidr: too small for the three tiers in 2 availability zones (10.0.0.0/24); accepted: a /20 or larger: each zone takes a /24 public, a /22 application and a /24 database subnet",
            ],
            Lines(_err));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("1", 2)]
    public void Unexpected_synthesis_failure_exits_1_with_one_line_and_a_stack_trace_only_in_debug(string? debug, int minimumLines)
    {
        // An output "directory" that is a file: the CDK fails when it prepares the cloud assembly.
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "");
        var command = new SynthesizeCommand(_out, _err, name => name == "RAMPART_DEBUG" ? debug : null);

        var exitCode = command.Run(["--output", file]);

        Assert.Equal(1, exitCode);
        Assert.Equal("", _out.ToString());
        var lines = Lines(_err);
        Assert.StartsWith("rampart-app: synthesis failed: ", lines[0], StringComparison.Ordinal);
        if (debug is null)
        {
            Assert.Single(lines);
        }
        else
        {
            Assert.True(lines.Length >= minimumLines, "RAMPART_DEBUG=1 adds the exception and its stack trace");
            Assert.Contains(lines, line => line.StartsWith("at ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Missing_configuration_file_exits_2_with_one_line()
    {
        var exitCode = Command().Run(["--config", "no-such-file.yaml", "--output", _directory]);

        Assert.Equal(2, exitCode);
        Assert.Equal(["no-such-file.yaml: (file): no such file; accepted: a readable .yaml, .yml or .json file"], Lines(_err));
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Unknown_option_exits_2_with_one_line()
    {
        Assert.Equal(2, Command().Run(["--confg", "x.yaml"]));
        Assert.Equal(["rampart-app: unknown option (--confg); accepted: --config FILE, --output DIR, --help"], Lines(_err));
    }

    [Fact]
    public void Help_explains_the_options_and_exit_codes_and_exits_0()
    {
        Assert.Equal(0, Command().Run(["--help"]));
        var help = _out.ToString();
        foreach (var expected in new[] { "--config FILE", "--output DIR", "$CDK_OUTDIR", "0  synthesized", "1  synthesis failed", "2  invalid configuration" })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }

        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public void Without_config_the_embedded_default_is_loaded()
    {
        var loaded = SynthesizeCommand.LoadConfiguration(new SynthesizeOptions(null, null, false));
        Assert.Equal(DefaultConfiguration.Value.Application, loaded.Configuration!.Application);
    }

    [Fact]
    public void Config_file_is_loaded_by_its_extension()
    {
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "rampart.json");
        File.WriteAllText(config, """
            { "application": "shop", "alertEmail": "a@example.com", "domainName": "shop.example.com",
              "environments": [ { "name": "prod", "account": "123456789012", "region": "us-west-2",
                                  "availabilityZones": ["us-west-2a", "us-west-2b"], "vpcCidr": "10.9.0.0/16" } ] }
            """);

        var loaded = SynthesizeCommand.LoadConfiguration(new SynthesizeOptions(config, null, false));

        Assert.Equal(("shop", "prod"), (loaded.Configuration!.Application, loaded.Configuration.Environments[0].Name));
    }

    [Theory]
    [InlineData("out-from-option", "out-from-cli", "out-from-option")]
    [InlineData(null, "out-from-cli", "out-from-cli")]
    [InlineData(null, null, "cdk.out")]
    public void Output_directory_is_the_option_else_CDK_OUTDIR_else_cdk_out(string? option, string? cdkOutDir, string expected)
    {
        var command = new SynthesizeCommand(_out, _err, name => name == "CDK_OUTDIR" ? cdkOutDir : null);
        Assert.Equal(expected, command.ResolveOutputDirectory(new SynthesizeOptions(null, option, false)));
    }

    [Theory]
    [InlineData(null, "cdk.out", true)]
    [InlineData("mine", "cdk.out", false)]
    [InlineData(null, null, false)]
    public void Under_the_CDK_CLI_the_summary_leaves_stdout_to_the_template(string? option, string? cdkOutDir, bool toStderr)
    {
        var command = new SynthesizeCommand(_out, _err, name => name == "CDK_OUTDIR" ? cdkOutDir : null);
        Assert.Equal(toStderr, command.IsRunByCdkCli(new SynthesizeOptions(null, option, false)));
    }

    private SynthesizeCommand Command() => new(_out, _err, _ => null);

    private static EvaluationResult Scan(string assemblyDirectory)
    {
        var inputs = InputCollector.Collect([assemblyDirectory]);
        Assert.Empty(inputs.Errors);
        return new PolicyEngine(RuleCatalogue.All).Evaluate(inputs.Deployments);
    }

    private static string Counts(IEnumerable<ControlResult> controls)
    {
        var outcomes = controls.Select(c => c.Outcome).ToList();
        return $"{outcomes.Count(o => o == ControlOutcome.Pass)} passed, {outcomes.Count(o => o == ControlOutcome.Fail)} failed, "
            + $"{outcomes.Count(o => o == ControlOutcome.Suppressed)} suppressed, {outcomes.Count(o => o == ControlOutcome.NotApplicable)} not applicable";
    }

    /// <summary>The template file of a stack, as the assembly's manifest names it (stage stacks get hashed artifact IDs).</summary>
    private static string TemplateOf(string assemblyDirectory, string stackName)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(assemblyDirectory, "manifest.json")))!["artifacts"]!.AsObject();
        var properties = manifest.Select(a => a.Value!["properties"]).Single(p => (string?)p?["stackName"] == stackName)!;
        return Path.Combine(assemblyDirectory, (string)properties["templateFile"]!);
    }

    private static int ResourceCount(string template)
    {
        var resources = JsonNode.Parse(File.ReadAllText(template))!["Resources"]!.AsObject().Count;
        Assert.True(resources > 0, template);
        return resources;
    }

    private static string[] Lines(StringWriter writer) => AppRun.Lines(writer);
}
