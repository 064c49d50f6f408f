using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests;

public class LimitsTests
{
    [Fact]
    public void A_billion_laughs_document_fails_on_the_node_limit_without_expanding()
    {
        var error = Failed(Parse("Yaml/billion-laughs.yaml"));

        Assert.Equal(
            "billion-laughs.yaml:10:10: the document has more than 10,000,000 nodes (YAML aliases count at their expanded size); limit LoadLimits.MaxNodes",
            error.ToString());
    }

    [Fact]
    public void Aliases_count_at_their_expanded_size()
    {
        // Two 9-item lists and 18 aliases: 2 × 10 + 18 × 10 nodes, plus the mappings and scalars around them.
        const string Yaml = """
            AWSTemplateFormatVersion: x
            A: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]
            B: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            """;

        Assert.IsType<ParseResult.Loaded>(TemplateParser.Parse("fits.yaml", Yaml, new LoadLimits { MaxNodes = 220 }));
        var error = Failed(TemplateParser.Parse("over.yaml", Yaml, new LoadLimits { MaxNodes = 150 }));
        Assert.Contains("more than 150 nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_json_nesting_fails_on_the_depth_limit()
    {
        var json = "{\"Resources\": " + new string('[', 100_000) + new string(']', 100_000) + "}";

        var error = Failed(TemplateParser.Parse("deep.json", json));

        Assert.Equal("deep.json:1:270: nesting is deeper than 256 levels; limit LoadLimits.MaxDepth", error.ToString());
    }

    [Fact]
    public void Deep_yaml_nesting_fails_on_the_depth_limit()
    {
        var yaml = "Resources: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var error = Failed(TemplateParser.Parse("deep.yaml", yaml));

        Assert.Equal("deep.yaml:1:267: nesting is deeper than 256 levels; limit LoadLimits.MaxDepth", error.ToString());
    }

    [Fact]
    public void Nesting_up_to_the_depth_limit_loads()
    {
        var limits = new LoadLimits { MaxDepth = 10 };
        var nine = "{\"AWSTemplateFormatVersion\": " + new string('[', 9) + new string(']', 9) + "}";
        var ten = "{\"AWSTemplateFormatVersion\": " + new string('[', 10) + new string(']', 10) + "}";

        Assert.IsType<ParseResult.Loaded>(TemplateParser.Parse("nine.json", nine, limits));
        Assert.Contains("deeper than 10 levels", Failed(TemplateParser.Parse("ten.json", ten, limits)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_file_fails_before_it_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rampart-oversized-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"AWSTemplateFormatVersion\": \"" + new string('x', 4096) + "\"}");
        try
        {
            var error = Failed(TemplateParser.ParseFile(path, "big.json", new LoadLimits { MaxFileBytes = 1024 }));

            Assert.Equal("big.json: the file is 4 KiB, over the 1 KiB limit (LoadLimits.MaxFileBytes)", error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_oversized_text_fails_too()
    {
        var error = Failed(TemplateParser.Parse("big.yaml", new string(' ', 2000), new LoadLimits { MaxFileBytes = 1000 }));

        Assert.Equal("big.yaml: the file is 2 KiB, over the 1000 bytes limit (LoadLimits.MaxFileBytes)", error.ToString());
    }

    [Theory]
    [InlineData("long.json", "{\"Resources\": {\"KEY\": 1}}", "long.json:1:16: ")]
    [InlineData("long.yaml", "Resources:\n  \"KEY\": 1\n", "long.yaml:2:3: ")]
    public void An_overlong_key_fails_on_the_key_length_limit(string name, string shape, string position)
    {
        var text = shape.Replace("KEY", new string('k', 40), StringComparison.Ordinal);

        var error = Failed(TemplateParser.Parse(name, text, new LoadLimits { MaxKeyLength = 32 }));

        Assert.Equal(position + "a key of 40 characters is longer than 32; limit LoadLimits.MaxKeyLength", error.ToString());
    }

    [Fact]
    public void The_node_limit_applies_to_json_too()
    {
        var json = "{\"AWSTemplateFormatVersion\": [" + string.Join(",", Enumerable.Repeat("1", 100)) + "]}";

        var error = Failed(TemplateParser.Parse("many.json", json, new LoadLimits { MaxNodes = 50 }));

        Assert.StartsWith("many.json:1:", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("the document has more than 50 nodes (YAML aliases count at their expanded size); limit LoadLimits.MaxNodes", error.Message, StringComparison.Ordinal);
    }
}
