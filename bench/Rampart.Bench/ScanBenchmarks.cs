using BenchmarkDotNet.Attributes;
using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Reporting;
using Rampart.Policy.Rules;

namespace Rampart.Bench;

/// <summary>
/// The three stages of <c>rampart scan</c> on one generated template, each timed alone, and the three
/// together as the CLI runs them (without process start and argument parsing, which bench/run.sh measures).
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly PolicyEngine _engine = new(RuleCatalogue.All);
    private readonly EvaluationOptions _options = new() { Today = new DateOnly(2025, 11, 27) };
    private string _path = string.Empty;
    private byte[] _bytes = [];
    private IReadOnlyList<Deployment> _deployments = [];
    private ScanReport? _report;

    /// <summary>template-1000.json, template-5000.json and the YAML variant template-1000.yaml.</summary>
    [Params("1000.json", "5000.json", "1000.yaml")]
    public string Template { get; set; } = "1000.json";

    [GlobalSetup]
    public void Setup()
    {
        (_path, _bytes) = Templates.Load(Template);
        _deployments = [new Deployment("scan", [Parse()])];
        _report = Report(_engine.Evaluate(_deployments, _options));
    }

    /// <summary>Bytes to the template model: JSON or YAML reader, positions, string pooling, limits.</summary>
    [Benchmark]
    public Template Load() => Parse();

    /// <summary>Template contexts, intrinsic resolution and every rule of the catalogue, findings sorted.</summary>
    [Benchmark]
    public EvaluationResult ResolveAndEvaluate() => _engine.Evaluate(_deployments, _options);

    /// <summary>The JSON report of the evaluation, written to a stream that discards it.</summary>
    [Benchmark]
    public void ReportJson() => Write(new JsonReportWriter(), _report!);

    /// <summary>The SARIF report of the evaluation, written to a stream that discards it.</summary>
    [Benchmark]
    public void ReportSarif() => Write(new SarifReportWriter(), _report!);

    /// <summary>Load, evaluate and write the JSON report: the work of one scan of one file.</summary>
    [Benchmark]
    public void Scan()
    {
        IReadOnlyList<Deployment> deployments = [new Deployment("scan", [Parse()])];
        Write(new JsonReportWriter(), Report(_engine.Evaluate(deployments, _options)));
    }

    private Template Parse() => TemplateParser.Parse(_path, _bytes) is ParseResult.Loaded loaded
        ? loaded.Template
        : throw new InvalidOperationException($"{_path} did not load");

    private static ScanReport Report(EvaluationResult result) => new()
    {
        Result = result,
        Rules = RuleCatalogue.All,
        ToolVersion = "bench",
    };

    /// <summary>As the CLI writes a report to a file: UTF-8 bytes straight to the stream.</summary>
    private static void Write(IReportWriter writer, ScanReport report) => writer.Write(report, Stream.Null);
}
