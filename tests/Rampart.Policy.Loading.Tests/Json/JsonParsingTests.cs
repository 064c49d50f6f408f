using Rampart.Policy.Model;
using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests.Json;

public class JsonParsingTests
{
    [Fact]
    public void Nodes_and_keys_keep_their_exact_line_and_column()
    {
        var template = Load("Json/positions.json");
        var root = template.Root;

        Assert.Equal((1, 1), Position(root));
        Assert.Equal((3, 3), Position(EntryAt(root, "Resources").KeyLocation));
        Assert.Equal((3, 16), Position(At(root, "Resources")));
        Assert.Equal((4, 5), Position(template.FindResource("Web")!.Location));
        Assert.Equal((5, 7), Position(EntryAt(root, "Type", "Resources", "Web").KeyLocation));
        Assert.Equal((5, 15), Position(At(root, "Resources", "Web", "Type")));

        // "é" is one column: columns count characters, not UTF-8 bytes.
        Assert.Equal((7, 29), Position(At(root, "Resources", "Web", "Properties", "GroupDescription")));
        Assert.Equal((8, 33), Position(At(root, "Resources", "Web", "Properties", "SecurityGroupIngress")));
        var rule = At(root, "Resources", "Web", "Properties", "SecurityGroupIngress", 0);
        Assert.Equal((9, 11), Position(rule));
        Assert.Equal((9, 34), Position(EntryAt(rule, "FromPort").KeyLocation));
        Assert.Equal((9, 46), Position(At(rule, "FromPort")));
        Assert.Equal((9, 76), Position(At(rule, "CidrIp")));
        Assert.Equal((11, 18), Position(At(root, "Resources", "Web", "Properties", "VpcId")));
        Assert.Equal((11, 20), Position(EntryAt(root, "Ref", "Resources", "Web", "Properties", "VpcId").KeyLocation));
        Assert.Equal("positions.json", At(rule, "CidrIp").Location.File);
        Assert.Equal("positions.json", EntryAt(rule, "FromPort").KeyLocation.File);
    }

    [Fact]
    public void Scalars_keep_their_text_and_kind()
    {
        var template = Fixture.Loaded(TemplateParser.Parse(
            "kinds.json",
            """{"Resources": {}, "AWSTemplateFormatVersion": "2010-09-09", "n": [443, -1.50, 1e3, true, false, null, "443"]}"""));

        var list = Sequence(At(template.Root, "n"));
        Assert.Equal(
            [("443", ScalarKind.Number), ("-1.50", ScalarKind.Number), ("1e3", ScalarKind.Number), ("true", ScalarKind.Boolean),
             ("false", ScalarKind.Boolean), ("null", ScalarKind.Null), ("443", ScalarKind.String)],
            list.Items.Select(item => (Scalar(item).Text, Scalar(item).Kind)));
    }

    [Fact]
    public void Escaped_keys_and_values_are_unescaped_and_still_recognised_as_a_template()
    {
        var template = Fixture.Loaded(TemplateParser.Parse(
            "escaped.json",
            """{"\u0052esources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a\"b\u00e9\n"}}}}"""));

        Assert.Equal("AWS::S3::Bucket", template.FindResource("B")!.Type);
        Assert.Equal("a\"bé\n", Scalar(template.Root, "Resources", "B", "Properties", "BucketName").Text);
    }

    [Fact]
    public void Repeated_keys_share_one_string_instance()
    {
        var template = Fixture.Loaded(TemplateParser.Parse(
            "shared.json",
            """{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::S3::Bucket"}}}"""));

        var a = EntryAt(template.Root, "Type", "Resources", "A");
        var b = EntryAt(template.Root, "Type", "Resources", "B");
        Assert.Same(a.Key, b.Key);
        Assert.Same(Scalar(a.Value).Text, Scalar(b.Value).Text);
    }

    [Fact]
    public void Small_templates_read_on_one_thread_share_their_strings_and_keep_their_own_values()
    {
        // A monorepo's stacks repeat their keys and types from file to file: one thread's pool serves them all.
        var first = Fixture.Loaded(TemplateParser.Parse("a.json", """{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "alpha"}}}}"""));
        var second = Fixture.Loaded(TemplateParser.Parse("b.json", """{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "beta"}}}}"""));

        Assert.Same(first.FindResource("A")!.Type, second.FindResource("B")!.Type);
        Assert.Equal("alpha", Scalar(first.Root, "Resources", "A", "Properties", "BucketName").Text);
        Assert.Equal("beta", Scalar(second.Root, "Resources", "B", "Properties", "BucketName").Text);
        Assert.Equal("b.json", second.FindResource("B")!.Location.File);
    }

    [Fact]
    public void A_character_beyond_the_basic_plane_is_two_columns_as_in_utf16()
    {
        var template = Fixture.Loaded(TemplateParser.Parse("emoji.json", """{"Description": "😀", "AWSTemplateFormatVersion": "x"}"""));

        Assert.Equal((1, 23), Position(Fixture.EntryAt(template.Root, "AWSTemplateFormatVersion").KeyLocation));
    }

    [Fact]
    public void A_byte_order_mark_does_not_shift_columns()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. """{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"""u8];

        var template = Fixture.Loaded(TemplateParser.Parse("bom.json", content));

        Assert.Equal((1, 1), Position(template.Root));
        Assert.Equal((1, 16), Position(template.FindResource("B")!.Location));
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        byte[] content = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("""{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}""")];

        var template = Fixture.Loaded(TemplateParser.Parse("utf16.json", content));

        Assert.Equal("AWS::S3::Bucket", template.FindResource("B")!.Type);
    }

    [Fact]
    public void A_duplicate_key_is_an_error_at_its_second_occurrence()
    {
        var error = Failed(Parse("Json/duplicate-key.json"));

        Assert.Equal("duplicate-key.json:3:44: duplicate key \"Type\"", error.ToString());
    }

    [Theory]
    [InlineData("Json/missing-comma.json", "missing-comma.json:4:5: '\"' is invalid after a value. Expected either ',', '}', or ']'")]
    [InlineData("Json/trailing-comma.json", "trailing-comma.json:4:3: a trailing comma is not allowed in JSON (CloudFormation rejects it)")]
    [InlineData("Json/comment.json", "comment.json:2:3: comments are not allowed in JSON (CloudFormation rejects them)")]
    [InlineData("Json/bare-word.json", "bare-word.json:2:89: a bare word: JSON strings need double quotes, and only true, false and null go unquoted")]
    [InlineData("Json/unterminated.json", "unterminated.json:3:41: '0x0A' is invalid within a JSON string. The string should be correctly escaped")]
    public void Malformed_json_is_one_error_at_the_fault(string fixture, string expected)
    {
        var error = Failed(Parse(fixture));

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_an_error_not_a_crash()
    {
        byte[] content = [.. """{"Resources": {"B": {"Type": "AWS::S3::"""u8, 0xC3, 0x28, .. "\"}}}"u8];

        var error = Failed(TemplateParser.Parse("latin1.json", content));

        Assert.Equal("latin1.json:1:30: the string is not valid UTF-8", error.ToString());
    }

    [Fact]
    public void A_large_mapping_finds_every_key_by_name_small_and_large_alike()
    {
        // Past eight keys a mapping is searched through an index built on the first lookup.
        var keys = Enumerable.Range(0, 40).Select(i => $"Key{i}").ToList();
        var json = "{\"AWSTemplateFormatVersion\": \"x\", \"Big\": {" + string.Join(", ", keys.Select((k, i) => $"\"{k}\": {i}")) + "}}";
        var big = Mapping(At(Fixture.Loaded(TemplateParser.Parse("big.json", json)).Root, "Big"));

        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(big, keys[i]).Text);
            Assert.Equal(keys[i], big.Entry(keys[i])?.Key);
        }

        Assert.Null(big["Key40"]);
        Assert.False(big.ContainsKey("key0"));
    }

    [Fact]
    public void A_resource_gives_its_type_properties_metadata_and_condition_or_none()
    {
        var template = Fixture.Loaded(TemplateParser.Parse("resources.json", """
            {"Resources": {
              "Full": {"Type": "AWS::S3::Bucket", "Condition": "IsProd", "Properties": {"BucketName": "b"}, "Metadata": {"Note": "m"}},
              "Bare": {"Type": "AWS::SNS::Topic", "Properties": "not a mapping", "Condition": {"Ref": "x"}}
            }}
            """));
        var full = template.FindResource("Full")!;
        var bare = template.FindResource("Bare")!;

        Assert.Equal(("AWS::S3::Bucket", "IsProd"), (full.Type, full.Condition));
        Assert.Equal("b", Scalar(full.Properties!.Value, "BucketName").Text);

        // Nodes are handles: the same node read twice is equal, not the same object.
        Assert.Equal(full.Properties?.Node, full.Properties?.Node);
        Assert.Equal(At(full.Body, "Metadata"), full.Metadata?.Node);
        Assert.Equal("AWS::SNS::Topic", bare.Type);
        Assert.Null(bare.Properties);
        Assert.Null(bare.Metadata);
        Assert.Null(bare.Condition);
        Assert.Null(bare.Condition);
    }
}
