using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Bench.Generator;
using Rampart.Policy.Loading.Json;
using Rampart.Policy.Model;
using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests.Json;

/// <summary>
/// A large JSON file is read on two threads, cut between two resources. The tree, positions, verdicts and errors
/// must be the one-thread reader's, node by node; whenever the cut is in doubt the file is read on one thread.
/// Files here are small: the size threshold is lowered to 0 for them.
/// </summary>
public sealed class TwoThreadTests : IDisposable
{
    private const long Always = 0;
    private const long Never = long.MaxValue;

    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-two-threads-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(40, 1, ' ', "\n")]
    [InlineData(300, 1, ' ', "\n")]
    [InlineData(1000, 1, ' ', "\n")]
    [InlineData(300, 2, ' ', "\n")]
    [InlineData(300, 4, ' ', "\r\n")]
    [InlineData(300, 1, '\t', "\n")]
    public void A_generated_cdk_template_loads_on_two_threads_with_the_one_thread_tree(int resources, int indentSize, char indent, string newLine)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = indentSize,
            IndentCharacter = indent,
            NewLine = newLine,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        var text = TemplateGenerator.Generate(resources, seed: resources, violationShare: 0.2).Document.ToJsonString(options) + newLine;

        AssertSameTreeOnTwoThreads(Write("generated.json", text));
    }

    [Fact]
    public void A_template_with_keys_after_resources_text_beyond_ascii_and_a_byte_order_mark_loads_the_same()
    {
        var text = Template(resources: 400, outputs: 30);
        Assert.Contains("\"Outputs\"", text, StringComparison.Ordinal);

        AssertSameTreeOnTwoThreads(Write("outputs.json", text));
        AssertSameTreeOnTwoThreads(Write("bom.json", text, byteOrderMark: true));
        AssertSameTreeOnTwoThreads(Write("crlf.json", text.ReplaceLineEndings("\r\n")));
    }

    [Fact]
    public void A_cut_inside_the_first_block_of_a_small_file_loads_the_same()
    {
        AssertSameTreeOnTwoThreads(Write("small.json", Template(resources: 6, outputs: 1)));
    }

    [Fact]
    public void The_seam_is_learnt_from_the_resources_layout_and_needs_one_key_a_line()
    {
        var (resourcesAt, entryEnd) = ResourceSeam.LearnResourceLayout("{\n \"A\": 1,\n \"Resources\": {\n  \"B\": {}\n }\n}"u8)!.Value;

        Assert.Equal(29, resourcesAt);
        Assert.Equal("},\n  \"", Encoding.UTF8.GetString(entryEnd));
        Assert.Null(ResourceSeam.LearnResourceLayout("{\"Resources\": {\"B\": {}}}"u8));
        Assert.Null(ResourceSeam.LearnResourceLayout("{\n \"A\": {\n  \"Resources\": {\n   \"B\": {}\n  }\n }\n}"u8));
    }

    [Fact]
    public void Minified_json_has_no_seam_and_loads_on_one_thread()
    {
        var text = JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(Template(resources: 300, outputs: 3)));
        Assert.DoesNotContain('\n', text);

        AssertFallsBackToOneThread(Write("minified.json", text));
    }

    [Fact]
    public void A_cut_in_outputs_instead_of_resources_loads_on_one_thread()
    {
        // Few resources, many outputs: the middle of the file, where the cut is looked for, is in Outputs.
        AssertFallsBackToOneThread(Write("outputs-heavy.json", Template(resources: 3, outputs: 2000)));
    }

    [Fact]
    public void A_resource_id_in_both_halves_is_the_one_thread_duplicate_key_error()
    {
        var text = Template(resources: 400, outputs: 3);
        text = text.Replace("\"Group390\": {", "\"Group10\": {", StringComparison.Ordinal);

        var error = AssertFallsBackToOneThread(Write("duplicate.json", text));

        Assert.Equal("duplicate key \"Group10\"", Failed(error).Message);
    }

    [Theory]
    [InlineData("Description")]
    [InlineData("Resources")]
    public void A_root_key_after_resources_that_was_also_before_them_is_the_one_thread_duplicate_key_error(string key)
    {
        var text = Template(resources: 400, outputs: 3);
        text = text.Replace("\"Outputs\": {", $"\"{key}\": {{", StringComparison.Ordinal);

        var error = AssertFallsBackToOneThread(Write("duplicate-root.json", text));

        Assert.Equal($"duplicate key \"{key}\"", Failed(error).Message);
    }

    [Theory]
    [InlineData(350, "\"Type\": \"AWS::EC2::SecurityGroup\",", "\"Type\": \"AWS::EC2::SecurityGroup\",,")]
    [InlineData(50, "\"Type\": \"AWS::EC2::SecurityGroup\",", "\"Type\": \"AWS::EC2::SecurityGroup\",,")]
    [InlineData(390, "\"ToPort\": 4.4e2", "\"ToPort\": tru")]
    [InlineData(399, "\"Value\": \"out2\"\n    }\n  }\n}", "\"Value\": \"out2\"\n    }\n  },\n}")]
    public void A_syntax_error_after_or_before_the_cut_is_the_one_thread_error(int resource, string from, string to)
    {
        var text = Template(resources: 400, outputs: 3);
        var at = text.IndexOf($"\"Group{resource}\": {{", StringComparison.Ordinal);
        var replaced = at + text[at..].IndexOf(from, StringComparison.Ordinal);
        text = text[..replaced] + to + text[(replaced + from.Length)..];

        var error = Failed(AssertFallsBackToOneThread(Write("syntax.json", text)));

        Assert.True(error.Line > 1, error.ToString());
    }

    [Fact]
    public void A_string_holding_a_fake_resource_seam_is_the_one_thread_error()
    {
        // A line break cannot be in a JSON string; written raw, the bytes look like the end of one resource and the
        // start of the next, right where the cut is looked for.
        var text = Template(resources: 400, outputs: 3);
        var middle = ResourceKeyAfter(text, text.Length / 2);
        text = text[..middle] + "\"Fake\": \"text },\n    \"X\": { more\",\n    " + text[middle..];

        var error = Failed(AssertFallsBackToOneThread(Write("fake-seam.json", text)));

        Assert.Contains("string", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_escaped_line_break_in_a_string_is_not_a_seam()
    {
        var text = Template(resources: 400, outputs: 3);
        var middle = ResourceKeyAfter(text, text.Length / 2);
        text = text[..middle] + "\"Fake\": \"text },\\n    \\\"X\\\": { more\",\n    " + text[middle..];

        AssertSameTreeOnTwoThreads(Write("escaped-seam.json", text));
    }

    [Fact]
    public void The_node_limit_counts_both_halves_as_one_document()
    {
        var path = Write("limit.json", Template(resources: 400, outputs: 3));
        var nodes = CountNodes(Loaded(TemplateParser.ParseFile(path, "limit.json", null, Never)).Root);

        // Exactly at the limit: loads on two threads (the second reader's two synthetic mappings are not counted).
        AssertSameTreeOnTwoThreads(path, new LoadLimits { MaxNodes = nodes });

        // One node fewer: the limit is passed in the second half, which the second reader alone cannot know.
        var error = Failed(AssertFallsBackToOneThread(path, new LoadLimits { MaxNodes = nodes - 1 }));
        Assert.Contains("LoadLimits.MaxNodes", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 1000, error.ToString());

        // Reached by the second reader itself.
        Failed(AssertFallsBackToOneThread(path, new LoadLimits { MaxNodes = nodes / 3 }));
    }

    [Fact]
    public void A_depth_limit_passed_in_the_second_half_is_the_one_thread_error()
    {
        var text = Template(resources: 400, outputs: 3);
        var late = text.IndexOf("\"Group390\": {", StringComparison.Ordinal);
        text = text[..late] + text[late..].Replace("\"Flags\": [false, [], {}]", "\"Flags\": [false, [[[[[]]]]], {}]", StringComparison.Ordinal);
        var path = Write("depth.json", text);

        // Resources' entries are at depth 3, their Flags lists at 7; the nested lists of one late resource reach depth 12.
        AssertSameTreeOnTwoThreads(path, new LoadLimits { MaxDepth = 12 });
        var error = Failed(AssertFallsBackToOneThread(path, new LoadLimits { MaxDepth = 11 }));
        Assert.Contains("LoadLimits.MaxDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_template_is_read_on_two_threads_by_default_and_a_small_one_is_not()
    {
        Assert.True(TwoThreadJson.MinBytes >= 64 * 1024, "below one block the block reader has nothing to share");
        var large = Template(resources: (int)(TwoThreadJson.MinBytes / 400), outputs: 3);
        var small = Template(resources: 10, outputs: 3);
        Assert.True(Encoding.UTF8.GetByteCount(large) >= TwoThreadJson.MinBytes);

        AssertSameTree(Write("large.json", large), LoadLimits.Default, TwoThreadJson.MinBytes);
        AssertSameTree(Write("small.json", small), LoadLimits.Default, TwoThreadJson.MinBytes);
        Assert.NotNull(ReadOnTwoThreads(Path.Combine(_directory, "large.json"), LoadLimits.Default));
    }

    [Fact]
    public void Mutants_of_a_generated_template_load_on_two_threads_as_on_one()
    {
        // Seeded text mutations (a character inserted or removed, a cut) around the seam or anywhere: whatever the
        // two-thread reader makes of the damage, tree or error, it must be what one thread makes of it.
        var text = TemplateGenerator.Generate(300, seed: 7, violationShare: 0.2).Document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        string[] inserts = ["{", "}", "[", "]", ":", ",", "\"", " ", "\n", "\\", "\u00e9", "\"Resources\":", "}},\n    \"", "\"Dup\": {\"Type\": \"x\"},", "1e999", "/*"];
        var random = new Random(20261128);
        for (var i = 0; i < 100; i++)
        {
            var mutant = text;
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                // Half of the changes land near the middle, where the cut is looked for.
                var at = random.Next(2) == 0 ? random.Next(mutant.Length) : (mutant.Length / 2) + random.Next(-2000, 2000);
                mutant = random.Next(5) switch
                {
                    0 => mutant.Remove(at, Math.Min(mutant.Length - at, random.Next(1, 40))),
                    1 when random.Next(4) == 0 => mutant[..at],
                    _ => mutant.Insert(at, inserts[random.Next(inserts.Length)]),
                };
            }

            AssertSameTree(Write($"mutant-{i}.json", mutant), LoadLimits.Default, Always);
        }
    }

    /// <summary>A template the two-thread reader takes: the same tree, node by node, as the one-thread reader's.</summary>
    private static void AssertSameTreeOnTwoThreads(string path, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        var twoThreads = ReadOnTwoThreads(path, limits);
        var oneThread = Loaded(TemplateParser.ParseFile(path, "t.json", limits, Never)).Root;

        Assert.NotNull(twoThreads);
        Assert.Equal(Flatten(oneThread), Flatten(Loaded(twoThreads).Root));
        AssertSameTree(path, limits, Always);
    }

    /// <summary>A template the two-thread reader declines: the file then loads as on one thread, error included.</summary>
    private static ParseResult AssertFallsBackToOneThread(string path, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        Assert.Null(ReadOnTwoThreads(path, limits));
        return AssertSameTree(path, limits, Always);
    }

    private static ParseResult AssertSameTree(string path, LoadLimits limits, long twoThreadMinBytes)
    {
        var oneThread = TemplateParser.ParseFile(path, "t.json", limits, Never);
        var result = TemplateParser.ParseFile(path, "t.json", limits, twoThreadMinBytes);
        if (oneThread is ParseResult.Loaded expected)
        {
            Assert.Equal(Flatten(expected.Template.Root), Flatten(Loaded(result).Root));
        }
        else
        {
            Assert.Equal(oneThread, result);
        }

        return result;
    }

    /// <summary>The two-thread reader alone, as the file reader calls it after the first block: null when it declines.</summary>
    private static ParseResult? ReadOnTwoThreads(string path, LoadLimits limits)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var (buffered, byteOrderMark) = StreamedJson.ReadFirstBlock(file, length, buffer);
            return TwoThreadJson.TryParse(file, length, byteOrderMark, "t.json", limits, ref buffer, buffered);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long CountNodes(TemplateNode node) => node.Kind switch
    {
        NodeKind.Mapping => 1 + Mapping(node).Entries.Sum(entry => CountNodes(entry.Value)),
        NodeKind.Sequence => 1 + Sequence(node).Items.Sum(CountNodes),
        _ => 1,
    };

    /// <summary>Where the next resource's logical ID starts, at or after <paramref name="from"/> (a resource key opens its line).</summary>
    private static int ResourceKeyAfter(string text, int from) => text.IndexOf("\n    \"Group", from, StringComparison.Ordinal) + "\n    ".Length;

    /// <summary>A CDK-like template with two-space indentation: keys before Resources, resources, outputs, a key after.</summary>
    private static string Template(int resources, int outputs)
    {
        var builder = new StringBuilder("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Description\": \"déjà vu 😀\",\n  \"Resources\": {\n");
        for (var i = 0; i < resources; i++)
        {
            builder.Append(Fixture.ResourceJson(i)).Append(i + 1 < resources ? ",\n" : "\n");
        }

        builder.Append("  },\n  \"Outputs\": {\n");
        for (var i = 0; i < outputs; i++)
        {
            builder.Append($$"""
                    "Out{{i}}": {
                      "Value": "out{{i}}"
                    }
                """).Append(i + 1 < outputs ? ",\n" : "\n");
        }

        return builder.Append("  }\n}\n").ToString();
    }

    private string Write(string name, string text, bool byteOrderMark = false)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }
}
