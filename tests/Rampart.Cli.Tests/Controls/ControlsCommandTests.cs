using System.Text.Json;
using Rampart.Cli.Tests.Support;
using Rampart.Policy.Rules;

namespace Rampart.Cli.Tests.Controls;

public sealed class ControlsCommandTests
{
    [Fact]
    public void Lists_every_rule_of_the_catalogue_and_every_control_it_cannot_scan_with_the_reason()
    {
        var result = InProcess.Run(Path.GetTempPath(), "controls");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        foreach (var rule in RuleCatalogue.All)
        {
            Assert.Contains(result.OutputLines, line => line.TrimStart().StartsWith(rule.Metadata.Id + " ", StringComparison.Ordinal));
        }

        foreach (var (id, reason) in RuleCatalogue.NotScannable)
        {
            Assert.Contains($"  {id}: {reason}", result.OutputLines);
        }
    }

    [Fact]
    public void Json_lists_the_same_in_catalogue_order()
    {
        var result = InProcess.Run(Path.GetTempPath(), "controls", "--json");

        Assert.Equal(ExitCode.Success, result.ExitCode);
        using var catalogue = JsonDocument.Parse(result.Output);
        var controls = catalogue.RootElement.GetProperty("controls").EnumerateArray().ToList();
        Assert.Equal(RuleCatalogue.All.Select(r => r.Metadata.Id), controls.Select(c => c.GetProperty("id").GetString()));
        Assert.All(controls, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("remediationCloudFormation").GetString()));
        });
        Assert.Equal(
            RuleCatalogue.NotScannable.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)),
            catalogue.RootElement.GetProperty("notScanned").EnumerateArray().Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("reason").GetString()!)));
    }
}
