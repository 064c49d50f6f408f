namespace Rampart.Policy.Tests.Traceability;

public sealed class ControlsDocumentTests
{
    [Fact]
    public void The_checked_in_controls_document_is_current()
    {
        var root = ControlsDocument.FindRepositoryRoot();
        var path = Path.Combine(root, ControlsDocument.RelativePath);
        var generated = ControlsDocument.Generate(root);
        if (Environment.GetEnvironmentVariable("RAMPART_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{ControlsDocument.RelativePath} is missing: run with RAMPART_UPDATE_DOCS=1");
        Assert.True(
            File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) == generated,
            $"{ControlsDocument.RelativePath} is out of date: regenerate it with RAMPART_UPDATE_DOCS=1 dotnet test tests/Rampart.Policy.Tests --filter ControlsDocument");
    }

    [Fact]
    public void Every_control_of_the_catalogue_is_in_the_document()
    {
        var root = ControlsDocument.FindRepositoryRoot();
        var generated = ControlsDocument.Generate(root);
        var ids = File.ReadAllLines(Path.Combine(root, "docs", "seed", "controls.md"))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| [A-Z]+-\d+ \|"))
            .Select(l => l.Split('|')[1].Trim());
        Assert.All(ids, id => Assert.Contains($"## {id}\n", generated, StringComparison.Ordinal));
    }
}
