using System.Text.RegularExpressions;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Configuration;

/// <summary>docs/configuration.md documents every field the loader accepts, and its example loads.</summary>
public sealed partial class DocumentationTests
{
    private const string DocumentPath = "docs/configuration.md";

    [Fact]
    public void Every_accepted_field_has_a_row_in_the_reference()
    {
        var document = RepositoryFiles.Read(DocumentPath);
        foreach (var (objectPath, fields) in ConfigurationFields.ByObject)
        {
            foreach (var field in fields.Where(f => objectPath.Length > 0 || !ConfigurationFields.ByObject.ContainsKey(f.Name)))
            {
                var path = objectPath.Length == 0 ? field.Name : $"{objectPath}.{field.Name}";
                Assert.Contains($"| `{path}` |", document, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_complete_example_loads_and_gives_every_field()
    {
        var document = RepositoryFiles.Read(DocumentPath);
        var section = document[document.IndexOf("## Complete example", StringComparison.Ordinal)..];
        var example = YamlBlock().Match(section).Groups["yaml"].Value;

        var result = ConfigurationLoader.Load(example, DocumentPath + ".yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        foreach (var field in ConfigurationFields.Root.Where(f => f.Name != "$schema"))
        {
            Assert.Contains($"\n{field.Name}:", example, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
