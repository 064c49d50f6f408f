using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests.Yaml;

public class YamlErrorTests
{
    [Theory]
    [InlineData("Yaml/mapping-values.yaml", "mapping-values.yaml:4:27: while scanning a plain scalar value, found invalid mapping")]
    [InlineData("Yaml/bad-indentation.yaml", "bad-indentation.yaml:4:4: while parsing a block mapping, did not find expected key")]
    [InlineData("Yaml/unclosed-flow.yaml", "unclosed-flow.yaml:6:7: the flow sequence opened at 5:13 is not closed")]
    [InlineData("Yaml/duplicate-key.yaml", "duplicate-key.yaml:4:3: duplicate key \"Bucket\"")]
    [InlineData("Yaml/two-documents.yaml", "two-documents.yaml:5:1: a second YAML document starts here; a CloudFormation template is one document")]
    public void Malformed_yaml_is_one_error_at_the_fault(string fixture, string expected)
    {
        Assert.Equal(expected, Failed(Parse(fixture)).ToString());
    }

    [Fact]
    public void An_unknown_tag_is_an_error_listing_the_accepted_ones()
    {
        var error = Failed(Parse("Yaml/unknown-tag.yaml"));

        Assert.StartsWith("unknown-tag.yaml:4:11: unknown tag !Reff; accepted: !Ref, !GetAtt, !Sub, ", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", !ValueOf, !ValueOfAll", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_standard_tag_is_named_as_written()
    {
        var error = Failed(TemplateParser.Parse("std.yaml", "AWSTemplateFormatVersion: x\nWhen: !!timestamp 2024-01-01\n"));

        Assert.StartsWith("std.yaml:2:7: unknown tag !!timestamp; accepted: !Ref, ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quoted_string_names_where_it_started()
    {
        var error = Failed(TemplateParser.Parse("quote.yaml", "Resources:\n  B:\n    Type: \"AWS::S3::Bucket\n"));

        Assert.Equal(
            "quote.yaml:4:1: while scanning a quoted scalar, found unexpected end of stream (it starts at 3:11)",
            error.ToString());
    }

    [Theory]
    [InlineData("Resources:\n  ? [a, b]\n  : x\n", "keys.yaml:2:5: a mapping key must be a scalar, not a mapping or a list")]
    [InlineData("Resources:\n  B: *nowhere\n", "keys.yaml:2:6: unknown anchor *nowhere")]
    [InlineData("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {Arn: !GetAtt Bucket}\n", "keys.yaml:4:31: !GetAtt needs LogicalId.AttributeName, not \"Bucket\"")]
    [InlineData("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    !Ref Properties: {}\n", "keys.yaml:4:5: a mapping key cannot be tagged !Ref")]
    [InlineData("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      <<: text\n", "keys.yaml:5:7: the merge key << takes a mapping or a list of mappings")]
    public void Shapes_a_template_cannot_have_are_errors(string yaml, string expected)
    {
        Assert.Equal(expected, Failed(TemplateParser.Parse("keys.yaml", yaml)).ToString());
    }

    [Fact]
    public void A_failure_the_yaml_reader_gives_no_reason_for_is_still_one_positioned_error_with_a_hint()
    {
        // Found by mutating the fixtures: YamlDotNet's scanner throws InvalidOperationException here, not a YamlException.
        var error = Failed(TemplateParser.Parse("flow.yaml", "Resources:\n  - a\n  ! [ b: c\n  d: e\n"));

        Assert.Equal(
            "flow.yaml:4:3: invalid YAML: the YAML reader stopped here without a reason; look for an unclosed [ or { or a tag without a value on this line or above it",
            error.ToString());
    }

    [Fact]
    public void Text_that_is_not_utf8_is_an_error_at_the_first_bad_byte()
    {
        byte[] content = [.. "Resources:\n  B:\n    Type: caf"u8, 0xE9, .. "\n"u8];

        Assert.Equal("latin1.yaml:3:14: the file is not UTF-8 text", Failed(TemplateParser.Parse("latin1.yaml", content)).ToString());
    }
}
