using System.Text.RegularExpressions;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Rules;

public sealed partial class RuleCatalogueTests
{
    private static readonly IReadOnlyList<(string Id, bool Scan)> Controls = ReadControls();

    [Fact]
    public void Rule_ids_are_unique()
    {
        var duplicates = RuleCatalogue.All.GroupBy(r => r.Metadata.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_rule_is_a_scan_control_of_the_catalogue()
    {
        var unknown = RuleCatalogue.All.Select(r => r.Metadata.Id).Where(id => !Controls.Any(c => c.Id == id && c.Scan));
        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_control_is_either_checked_by_a_rule_or_listed_with_the_reason_it_is_not()
    {
        var ruled = RuleCatalogue.All.Select(r => r.Metadata.Id).ToHashSet();
        var silent = Controls.Where(c => c.Scan).Select(c => c.Id).Where(id => !ruled.Contains(id) && !RuleCatalogue.NotScannable.ContainsKey(id));
        Assert.Empty(silent);
    }

    [Fact]
    public void Every_rule_has_complete_metadata()
    {
        foreach (var rule in RuleCatalogue.All.Select(r => r.Metadata))
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Title), $"{rule.Id}: title");
            Assert.False(string.IsNullOrWhiteSpace(rule.Remediation.CloudFormation), $"{rule.Id}: CloudFormation remediation");
            Assert.False(string.IsNullOrWhiteSpace(rule.Remediation.Cdk), $"{rule.Id}: CDK remediation");
            Assert.Equal(SectionOf(rule.Id), rule.Section);
        }
    }

    private static SeedSection SectionOf(string id) => id.Split('-')[0] switch
    {
        "NET" => SeedSection.Network,
        "IAM" => SeedSection.Identity,
        "SEC" => SeedSection.Secrets,
        "CTR" => SeedSection.Containers,
        "DATA" => SeedSection.Data,
        _ => SeedSection.Monitoring,
    };

    private static List<(string Id, bool Scan)> ReadControls()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Catalogue", "controls.md");
        return File.ReadAllLines(path)
            .Select(line => ControlRow().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["scan"].Value.Trim() == "x"))
            .ToList();
    }

    [GeneratedRegex(@"^\| (?<id>[A-Z]+-\d+) \|[^|]*\|(?<arch>[^|]*)\|(?<scan>[^|]*)\|")]
    private static partial Regex ControlRow();
}
