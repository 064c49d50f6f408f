using Rampart.Policy.Model;

namespace Rampart.Policy.Tests.Engine;

/// <summary>
/// A template is held as flat arrays with node handles (see TemplateDocument): what a loader adds must read back
/// exactly, whatever the arrays' starting size, through lookups by key, shared nodes and a continued document.
/// </summary>
public sealed class TemplateDocumentTests
{
    [Fact]
    public void Nodes_read_back_with_their_kind_text_children_and_position()
    {
        var document = new TemplateDocument("t.yaml");
        var name = document.AddScalar("web", ScalarKind.String, 3, 11);
        var port = document.AddScalar("443", ScalarKind.Number, 4, 11);
        var on = document.AddScalar("true", ScalarKind.Boolean, 5, 11);
        var nothing = document.AddScalar("null", ScalarKind.Null, 6, 11);
        var list = document.AddSequence([port, on, nothing], 7, 5);
        var root = document.AddMapping(
            [new EntryRecord("Name", 3, 5, name), new EntryRecord("Values", 7, 3, list)],
            2,
            1);

        var mapping = document.Node(root).AsMapping()!.Value;

        Assert.Equal(NodeKind.Mapping, document.Node(root).Kind);
        Assert.Equal(new SourceLocation("t.yaml", 2, 1), mapping.Location);
        Assert.Equal(["Name", "Values"], mapping.Entries.Select(entry => entry.Key));
        Assert.Equal(new SourceLocation("t.yaml", 7, 3), mapping.Entry("Values")!.Value.KeyLocation);
        Assert.Equal("web", mapping["Name"]!.Value.AsScalar()!.Value.Text);
        var items = mapping["Values"]!.Value.AsSequence()!.Value.Items;
        Assert.Equal(
            [("443", ScalarKind.Number), ("true", ScalarKind.Boolean), ("null", ScalarKind.Null)],
            items.Select(item => (item.AsScalar()!.Value.Text, item.AsScalar()!.Value.Kind)));
        Assert.Equal(new SourceLocation("t.yaml", 5, 11), items[1].Location);
        Assert.Null(document.Node(name).AsMapping());
        Assert.Null(document.Node(root).AsScalar());
    }

    [Fact]
    public void Arrays_grow_past_the_expected_size_and_keep_every_node()
    {
        var document = new TemplateDocument("t.json", expectedNodes: 1, expectedEntries: 1);
        var entries = new EntryRecord[500];
        var items = new int[500];
        for (var i = 0; i < entries.Length; i++)
        {
            var value = document.AddScalar($"v{i}", ScalarKind.String, i + 1, 7);
            entries[i] = new EntryRecord($"k{i}", i + 1, 2, value);
            items[i] = value;
        }

        var mapping = document.Node(document.AddMapping(entries, 1, 1)).AsMapping()!.Value;
        var list = document.Node(document.AddSequence(items, 1, 1)).AsSequence()!.Value;

        Assert.Equal(502, document.NodeCount);
        Assert.Equal(500, mapping.Count);
        Assert.Equal("v499", mapping["k499"]!.Value.AsScalar()!.Value.Text);
        Assert.Equal(new SourceLocation("t.json", 500, 7), list.Items[499].Location);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"v{i}"), list.Items.Select(item => item.ScalarText));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(200)]
    public void A_key_is_found_in_small_and_indexed_mappings_and_a_missing_one_is_not(int size)
    {
        var document = new TemplateDocument("t.json");
        var entries = Enumerable.Range(0, size)
            .Select(i => new EntryRecord($"Key{i}", 1, 1, document.AddScalar($"{i}", ScalarKind.Number, 1, 1)))
            .ToArray();
        var mapping = document.Node(document.AddMapping(entries, 1, 1)).AsMapping()!.Value;

        for (var i = 0; i < size; i++)
        {
            Assert.Equal($"{i}", mapping[$"Key{i}"]!.Value.ScalarText);
            Assert.True(mapping.ContainsKey($"Key{i}"));
        }

        Assert.Null(mapping["Key"]);
        Assert.Null(mapping.Entry($"Key{size}"));
        Assert.False(mapping.ContainsKey("key0"));
    }

    [Fact]
    public void Threads_looking_up_a_large_mapping_for_the_first_time_all_find_every_key()
    {
        var document = new TemplateDocument("t.json");
        var entries = Enumerable.Range(0, 100)
            .Select(i => new EntryRecord($"Key{i}", 1, 1, document.AddScalar($"{i}", ScalarKind.Number, 1, 1)))
            .ToArray();
        var mapping = document.Node(document.AddMapping(entries, 1, 1)).AsMapping()!.Value;

        var found = new int[8];
        Parallel.For(0, found.Length, thread =>
        {
            for (var i = 0; i < 100; i++)
            {
                found[thread] += mapping[$"Key{i}"]?.ScalarText == $"{i}" ? 1 : 0;
            }
        });

        Assert.All(found, count => Assert.Equal(100, count));
    }

    [Fact]
    public void A_node_with_two_parents_is_one_node()
    {
        // A YAML alias: the anchored node's index is used again.
        var document = new TemplateDocument("t.yaml");
        var shared = document.AddMapping([new EntryRecord("Key", 2, 3, document.AddScalar("v", ScalarKind.String, 2, 8))], 2, 3);
        var root = document.AddMapping([new EntryRecord("A", 1, 1, shared), new EntryRecord("B", 5, 1, shared)], 1, 1);
        var mapping = document.Node(root).AsMapping()!.Value;

        Assert.Equal(mapping["A"], mapping["B"]);
        Assert.Equal(new SourceLocation("t.yaml", 2, 3), mapping["B"]!.Value.Location);
        Assert.NotEqual(mapping["A"]!.Value, new TemplateDocument("t.yaml").Node(0));
    }

    [Fact]
    public void An_entry_can_refer_to_a_node_of_the_continued_document()
    {
        // A large JSON file read on two threads: the second part's resources, joined into the first part's mapping.
        var second = new TemplateDocument("big.json");
        var type = second.AddScalar("AWS::S3::Bucket", ScalarKind.String, 9001, 17);
        var body = second.AddMapping([new EntryRecord("Type", 9001, 9, type)], 9000, 15);
        var first = new TemplateDocument("big.json") { Continuation = second };
        var own = first.AddMapping([], 3, 15);
        var resources = first.AddMapping(
            [new EntryRecord("Early", 3, 5, own), new EntryRecord("Late", 9000, 5, TemplateDocument.InContinuation(body))],
            2,
            16);

        var late = first.Node(resources).AsMapping()!.Value["Late"]!.Value;

        Assert.Same(second, late.Document);
        Assert.Equal(new SourceLocation("big.json", 9000, 15), late.Location);
        Assert.Equal("AWS::S3::Bucket", late.AsMapping()!.Value["Type"]!.Value.ScalarText);
        Assert.Same(first, first.Node(resources).AsMapping()!.Value["Early"]!.Value.Document);
    }

    [Theory]
    [InlineData("Ref", true)]
    [InlineData("Condition", true)]
    [InlineData("Fn::GetAtt", true)]
    [InlineData("Properties", false)]
    public void A_one_key_mapping_named_after_an_intrinsic_is_that_intrinsic(string key, bool isIntrinsic)
    {
        var document = new TemplateDocument("t.json");
        var argument = document.AddScalar("Bucket", ScalarKind.String, 1, 10);
        var mapping = document.Node(document.AddMapping([new EntryRecord(key, 1, 2, argument)], 1, 1)).AsMapping()!.Value;
        var twoKeys = document.Node(document.AddMapping(
            [new EntryRecord(key, 1, 2, argument), new EntryRecord("Other", 1, 20, argument)],
            1,
            1)).AsMapping()!.Value;

        Assert.Equal(isIntrinsic, mapping.TryGetIntrinsic(out var name, out var found));
        Assert.Equal(isIntrinsic ? key : string.Empty, name);
        Assert.Equal(isIntrinsic ? document.Node(argument) : mapping.Node, found);
        Assert.False(twoKeys.TryGetIntrinsic(out _, out _));
    }
}
