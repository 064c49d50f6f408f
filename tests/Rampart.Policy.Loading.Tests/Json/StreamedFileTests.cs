using System.Text;
using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests.Json;

/// <summary>
/// A JSON file is read a block at a time (64 KiB); text held in memory is read whole. Both must give the same
/// tree, positions, verdicts and errors, wherever a token, a line or a word falls against the blocks' seams.
/// </summary>
public sealed class StreamedFileTests : IDisposable
{
    private const int Block = 64 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-streamed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_of_many_blocks_loads_the_same_tree_with_the_same_positions_as_its_text()
    {
        var text = LargeTemplate(resources: 600);
        Assert.True(Encoding.UTF8.GetByteCount(text) > 4 * Block);

        AssertSameAsText(Write("large.json", text));
    }

    [Fact]
    public void An_ascii_file_of_many_blocks_loads_the_same_tree_with_the_same_positions_as_its_text()
    {
        // Columns of ASCII text are byte counts; one resource with other text makes its block count characters.
        var text = AsciiOnly(LargeTemplate(resources: 600));
        var mixed = text.Replace("\"Group300\": {", "\"Group300\": {\"Description\": \"accès 😀\",", StringComparison.Ordinal);
        Assert.True(Ascii.IsValid(text));
        Assert.NotEqual(text, mixed);

        AssertSameAsText(Write("ascii.json", text));
        AssertSameAsText(Write("ascii-crlf.json", text.ReplaceLineEndings("\r\n")));
        AssertSameAsText(Write("mixed.json", mixed));
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_and_crlf_line_ends_loads_the_same_as_its_text()
    {
        var text = LargeTemplate(resources: 300).ReplaceLineEndings("\r\n");

        AssertSameAsText(Write("bom.json", text, byteOrderMark: true));
    }

    [Fact]
    public void A_string_longer_than_a_block_loads_whole()
    {
        var huge = string.Concat(Enumerable.Repeat("déjà-vu 😀 ", 3 * Block / 10));
        var text = "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Description\": \"" + huge + "\",\n  \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}\n}";
        var path = Write("huge.json", text);

        AssertSameAsText(path);
        Assert.Equal(huge, Scalar(Loaded(TemplateParser.ParseFile(path, "huge.json")).Root, "Description").Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(23)]
    public void A_template_word_across_a_block_seam_is_still_seen(int bytesBeforeSeam)
    {
        // The only mention of "Resources" (a quoted key) starts bytesBeforeSeam bytes before the end of the first block.
        const string Head = "{\"Padding\": \"";
        const string Middle = "\", \"";
        var padding = new string('p', Block - bytesBeforeSeam - Head.Length - Middle.Length);
        var text = Head + padding + Middle + "Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}";
        Assert.Equal(Block - bytesBeforeSeam, text.IndexOf("Resources", StringComparison.Ordinal));

        var result = TemplateParser.ParseFile(Write("seam.json", text), "seam.json");

        Assert.Equal("AWS::S3::Bucket", Loaded(result).FindResource("B")!.Type);
    }

    [Fact]
    public void A_large_json_file_that_mentions_no_template_word_is_not_a_template()
    {
        var text = "{\"packages\": [" + string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"\"package-{i}\"")) + "]}";

        var result = TemplateParser.ParseFile(Write("package-lock.json", text), "package-lock.json");

        Assert.Equal(TemplateParser.Parse("package-lock.json", text), result);
        Assert.Equal(
            "not a CloudFormation template: it mentions neither Resources nor AWSTemplateFormatVersion",
            Assert.IsType<ParseResult.NotATemplate>(result).Reason);
    }

    [Theory]
    [InlineData(",\n}", "a trailing comma")]
    [InlineData("\n  // a comment\n}", "comments")]
    [InlineData(",\n  \"Tail\": ture\n}", "a bare word")]
    [InlineData(",\n  \"Resources\": 1\n}", "duplicate key \"Resources\"")]
    [InlineData(",\n  \"Tail\": \"open", "")]
    public void A_fault_late_in_a_large_file_is_placed_and_worded_as_in_its_text(string ending, string expected)
    {
        var text = LargeTemplate(resources: 300);
        text = text[..text.LastIndexOf('}')].TrimEnd() + ending;
        var path = Write("late-fault.json", text);

        var fromFile = Failed(TemplateParser.ParseFile(path, "late-fault.json"));

        Assert.Equal(Failed(TemplateParser.Parse("late-fault.json", text)), fromFile);
        Assert.True(fromFile.Line > 1000, $"the fault is late in the file: {fromFile}");
        Assert.Contains(expected, fromFile.Message, StringComparison.Ordinal);
    }

    /// <summary>A CDK-like template: nested mappings and lists, escapes, numbers, and text beyond ASCII.</summary>
    private static string LargeTemplate(int resources)
    {
        var builder = new StringBuilder("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n");
        for (var i = 0; i < resources; i++)
        {
            builder.Append(Fixture.ResourceJson(i)).Append(i + 1 < resources ? ",\n" : "\n");
        }

        return builder.Append("  }\n}\n").ToString();
    }

    private static string AsciiOnly(string text) =>
        text.Replace("Groupe n°", "Group ", StringComparison.Ordinal).Replace(" — accès 😀", string.Empty, StringComparison.Ordinal);

    private string Write(string name, string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    /// <summary>Reading the file (by blocks) and reading its bytes (whole) give the same tree, node by node.</summary>
    private static void AssertSameAsText(string path)
    {
        var fromFile = Loaded(TemplateParser.ParseFile(path, "t.json")).Root;
        var fromText = Loaded(TemplateParser.Parse("t.json", File.ReadAllBytes(path))).Root;

        Assert.Equal(Flatten(fromText), Flatten(fromFile));
    }
}
