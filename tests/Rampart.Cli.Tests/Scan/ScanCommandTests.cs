using System.Text.Json;
using System.Text.RegularExpressions;
using Rampart.Cli.Tests.Support;
using Rampart.Policy.Reporting.Tests.Sarif;

namespace Rampart.Cli.Tests.Scan;

/// <summary>The issue's "done when": a folder mixing good, bad, malformed and non-template files.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public ScanCommandTests()
    {
        _repository.Write("infra/good.yaml", Templates.PrivateHttps);
        _repository.Write("infra/bad.yaml", Templates.PublicSsh);
        _repository.Write("infra/broken.yaml", Templates.BrokenYaml);
        _repository.Write("infra/broken.json", Templates.BrokenJson);
        _repository.Write("infra/k8s/web.yaml", Templates.KubernetesDeployment);
        _repository.Write("infra/README.md", "# not even looked at\n");
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Mixed_folder_reports_findings_one_error_line_per_malformed_file_skips_the_rest_and_exits_1()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains(result.OutputLines, line => Regex.IsMatch(line, @"^\s+10:19\s+HIGH NET-07 AdminSg\s+Properties\.SecurityGroupIngress\[0\]\.CidrIp  \(finding: port 22\)$"));
        Assert.Contains("infra/bad.yaml", result.OutputLines);
        Assert.Single(result.OutputLines, line => line.Contains("broken.yaml", StringComparison.Ordinal));
        Assert.Single(result.OutputLines, line => line.Contains("broken.json", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => Regex.IsMatch(line, @"^\s+infra/broken\.yaml:5:1: \S"));
        Assert.Contains(result.OutputLines, line => Regex.IsMatch(line, @"^\s+infra/broken\.json:3:3: \S"));
        Assert.DoesNotContain(result.OutputLines, line => line.Contains("k8s/web.yaml", StringComparison.Ordinal) || line.Contains("README", StringComparison.Ordinal));
        Assert.Matches(@"2 error\(s\), 1 file\(s\) skipped as not templates\. Security Rule Compliance \d+\.\d% \(target > 95%\)\.$", result.OutputLines[^1]);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Mixed_folder_as_json_names_each_finding_error_and_skipped_file_exactly()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra", "--format", "json");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var net07 = report.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("control").GetString() == "NET-07")
            .Select(f => $"{f.GetProperty("file").GetString()}:{f.GetProperty("line").GetInt32()}:{f.GetProperty("column").GetInt32()} {f.GetProperty("resource").GetString()}")
            .ToList();
        Assert.Equal(["infra/bad.yaml:10:19 AdminSg"], net07);
        Assert.Equal(
            ["infra/broken.json:3:3", "infra/broken.yaml:5:1"],
            report.RootElement.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("file").GetString()}:{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetInt32()}").Order(StringComparer.Ordinal));
        Assert.Equal(["infra/k8s/web.yaml"], report.RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("file").GetString()));

        // The report is on stdout; stderr has each error once and the summary, one line each.
        Assert.Equal(3, result.ErrorLines.Count);
        Assert.Single(result.ErrorLines, line => line.StartsWith("infra/broken.json:3:3: ", StringComparison.Ordinal));
        Assert.Single(result.ErrorLines, line => line.StartsWith("infra/broken.yaml:5:1: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Sarif_output_validates_against_the_schema_with_paths_relative_to_the_repository()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra", "--format", "sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Empty(SarifSchema.Violations(result.Output));
        using var sarif = JsonDocument.Parse(result.Output);
        var uris = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .Distinct()
            .ToList();
        Assert.Contains("infra/bad.yaml", uris);
        Assert.All(uris, uri => Assert.StartsWith("infra/", uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Output_option_writes_the_file_and_keeps_stdout_clean()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra", "--format", "sarif", "--output", "rampart.sarif");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Empty(result.Output);
        var written = File.ReadAllText(_repository.PathOf("rampart.sarif"));
        Assert.Empty(SarifSchema.Violations(written));
        Assert.Contains(result.ErrorLines, line => line.Contains("finding(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_into_a_folder_that_does_not_exist_is_one_error_line_and_exit_2()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra/bad.yaml", "--output", "no/such/folder/report.json", "--format", "json");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("rampart: --output 'no/such/folder/report.json': cannot write the report: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_does_not_exist_exits_2_and_the_other_paths_are_still_scanned_and_reported()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra/missing.yaml", "infra/bad.yaml", "--format", "json");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("file").GetString() == "infra/bad.yaml");
        Assert.Contains("infra/missing.yaml: no such file or directory", result.ErrorLines);
    }

    [Fact]
    public void A_folder_without_templates_exits_2_and_says_so()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra/k8s");

        Assert.Equal(ExitCode.UsageOrInput, result.ExitCode);
        Assert.Equal(["rampart: no CloudFormation template found in infra/k8s (1 file(s) skipped as not templates)"], result.ErrorLines);
    }

    [Fact]
    public void Only_malformed_templates_exit_1_not_2()
    {
        var result = InProcess.Run(_repository.Root, "scan", "infra/broken.yaml");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
    }
}
