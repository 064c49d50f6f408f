using System.Text;
using System.Text.RegularExpressions;
using Rampart.Architecture;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Traceability;

/// <summary>
/// Generates <c>docs/controls.md</c>, the traceability chain: for each control of the catalogue, the seed's
/// words, the constructs that implement it, the rule that checks it, the tests and fixtures that prove each,
/// and the framework references. Everything is read from the repository (rule metadata, sources, tests), so
/// the document cannot claim what the code does not hold.
/// </summary>
public static partial class ControlsDocument
{
    public const string RelativePath = "docs/controls.md";

    public static string Generate(string repositoryRoot)
    {
        var controls = ReadControls(Path.Combine(repositoryRoot, "docs", "seed", "controls.md"));
        var architectureSources = SourceFiles(repositoryRoot, "src/Rampart.Architecture");
        var policySources = SourceFiles(repositoryRoot, "src/Rampart.Policy/Rules");
        var architectureTests = SourceFiles(repositoryRoot, "tests/Rampart.Architecture.Tests");
        var policyTests = SourceFiles(repositoryRoot, "tests/Rampart.Policy.Tests");
        var fixtureRoot = Path.Combine(repositoryRoot, "tests", "Rampart.Policy.Tests", "Rules");

        var text = new StringBuilder();
        text.AppendLine("# Controls: from the seed to the proof");
        text.AppendLine();
        text.AppendLine("Generated from the rules' metadata, the architecture's sources and both test suites by");
        text.AppendLine("`tests/Rampart.Policy.Tests/Traceability/ControlsDocument.cs`; a test fails when this file is out of date.");
        text.AppendLine("Regenerate with `RAMPART_UPDATE_DOCS=1 dotnet test tests/Rampart.Policy.Tests --filter ControlsDocument`.");
        text.AppendLine();
        text.AppendLine("| Control | Architecture | Scanner | Architecture tests | Scanner fixtures |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var control in controls)
        {
            var rule = RuleCatalogue.All.FirstOrDefault(r => r.Metadata.Id == control.Id);
            var fixtures = Fixtures(fixtureRoot, control.Id);
            text.Append("| [").Append(control.Id).Append("](#").Append(control.Id.ToLowerInvariant()).Append(") | ")
                .Append(TestsNaming(architectureTests, control.Id).Count > 0 ? "tested" : ControlCoverage.NotBuilt.ContainsKey(control.Id) ? "not built" : control.Architecture ? "**not yet**" : "n/a").Append(" | ")
                .Append(rule is not null ? rule.GetType().Name : RuleCatalogue.NotScannable.ContainsKey(control.Id) ? "not scannable" : control.Scan ? "**not yet**" : "n/a").Append(" | ")
                .Append(TestsNaming(architectureTests, control.Id).Count).Append(" | ")
                .Append(fixtures.Count).AppendLine(" |");
        }

        foreach (var control in controls)
        {
            var rule = RuleCatalogue.All.FirstOrDefault(r => r.Metadata.Id == control.Id);
            text.AppendLine();
            text.Append("## ").AppendLine(control.Id);
            text.AppendLine();
            text.Append("**Control:** ").AppendLine(control.Text);
            if (rule?.Metadata.SeedText is { } seedText)
            {
                text.AppendLine();
                text.Append("**Seed:** ").AppendLine(seedText);
            }

            var references = rule is not null && rule.Metadata.References.Count > 0
                ? string.Join(", ", rule.Metadata.References)
                : control.Notes;
            if (!string.IsNullOrWhiteSpace(references))
            {
                text.AppendLine();
                text.Append("**Framework references:** ").AppendLine(references);
            }

            text.AppendLine();
            text.Append("**Implemented by:** ");
            var constructs = Mentioning(architectureSources, control.Id, repositoryRoot);
            text.AppendLine(
                ControlCoverage.NotBuilt.TryGetValue(control.Id, out var notBuilt) ? "not built: " + notBuilt
                : constructs.Count > 0 ? string.Join(", ", constructs)
                : control.Architecture ? "nothing yet" : "not an architecture control");

            text.AppendLine();
            text.Append("**Checked by:** ");
            if (rule is not null)
            {
                var file = policySources.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.Path) == rule.GetType().Name).Path;
                text.Append('`').Append(rule.GetType().Name).Append("` in ").Append(file is null ? "?" : Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/'))
                    .Append(" (").Append(rule.Metadata.Severity).Append(", ").Append(rule.Metadata.Title).AppendLine(")");
            }
            else if (RuleCatalogue.NotScannable.TryGetValue(control.Id, out var reason))
            {
                text.Append("no rule: ").AppendLine(reason);
            }
            else
            {
                text.AppendLine(control.Scan ? "no rule yet" : "not a scan control");
            }

            var architectureProofs = TestsNaming(architectureTests, control.Id);
            text.AppendLine();
            text.Append("**Architecture tests:** ");
            text.AppendLine(architectureProofs.Count > 0 ? string.Join(", ", architectureProofs.Select(t => $"`{t}`")) : "none");

            var fixtures = Fixtures(fixtureRoot, control.Id);
            var ruleTests = TestsNaming(policyTests, control.Id);
            text.AppendLine();
            text.Append("**Scanner proofs:** ");
            text.AppendLine(fixtures.Count + ruleTests.Count > 0
                ? string.Join(", ", fixtures.Select(f => $"`{f}`").Concat(ruleTests.Select(t => $"`{t}`")))
                : "none");
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The repository root: the folder holding Rampart.slnx, found upwards from the tests' folder.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rampart.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Rampart.slnx not found above " + AppContext.BaseDirectory);
    }

    private static List<ControlRow> ReadControls(string path) =>
        File.ReadAllLines(path)
            .Select(line => ControlLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new ControlRow(
                m.Groups["id"].Value,
                m.Groups["text"].Value.Trim(),
                m.Groups["arch"].Value.Trim() == "x",
                m.Groups["scan"].Value.Trim() == "x",
                m.Groups["notes"].Value.Trim()))
            .ToList();

    private static List<(string Path, string Text)> SourceFiles(string root, string folder)
    {
        var directory = Path.Combine(root, folder);
        return !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => (f, File.ReadAllText(f)))
                .ToList();
    }

    /// <summary>The public classes of the files that name the control (in docs or code), as <c>`Class`</c>.</summary>
    private static List<string> Mentioning(List<(string Path, string Text)> files, string needle, string root) =>
        files.Where(f => f.Text.Contains(needle, StringComparison.Ordinal))
            .SelectMany(f => PublicClass().Matches(f.Text).Select(m => m.Groups["name"].Value).Take(1)
                .Select(name => $"`{name}` ({Path.GetRelativePath(root, f.Path).Replace('\\', '/')})"))
            .Distinct()
            .ToList();

    private static List<string> TestsNaming(List<(string Path, string Text)> files, string id)
    {
        var prefix = id.Replace('-', '_');
        // Test names start with the control ID, or with several joined by "_and_" (NET_15_and_DATA_08_...).
        var pattern = new Regex(@"void (?<name>(?:[A-Z]+_\d+_and_)*" + Regex.Escape(prefix) + @"_\w+)\s*\(", RegexOptions.CultureInvariant);
        return files.SelectMany(f => pattern.Matches(f.Text).Select(m => m.Groups["name"].Value)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Fixtures(string fixtureRoot, string id)
    {
        if (!Directory.Exists(fixtureRoot))
        {
            return [];
        }

        return Directory.GetDirectories(fixtureRoot, id, SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "Fixtures")
            .SelectMany(Directory.GetFileSystemEntries)
            .Where(e => !e.EndsWith(".expect", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private sealed record ControlRow(string Id, string Text, bool Architecture, bool Scan, string Notes);

    [GeneratedRegex(@"^\| (?<id>[A-Z]+-\d+) \|(?<text>[^|]*)\|(?<arch>[^|]*)\|(?<scan>[^|]*)\|(?<notes>[^|]*)\|")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"public (?:sealed |static |abstract |partial )*(?:class|record) (?<name>\w+)")]
    private static partial Regex PublicClass();
}
