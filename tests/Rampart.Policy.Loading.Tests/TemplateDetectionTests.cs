using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests;

public class TemplateDetectionTests
{
    [Theory]
    [InlineData("Detection/package.json", "not a CloudFormation template: it mentions neither Resources nor AWSTemplateFormatVersion")]
    [InlineData("Detection/workflow.yml", "not a CloudFormation template: no AWSTemplateFormatVersion, no SAM Transform and no Resources entry with a Type")]
    [InlineData("Detection/deployment.k8s.yaml", "not a CloudFormation template: no AWSTemplateFormatVersion, no SAM Transform and no Resources entry with a Type")]
    [InlineData("Detection/list.yaml", "not a CloudFormation template: the top level is a list, not a mapping")]
    [InlineData("Detection/empty.yaml", "not a CloudFormation template: the file is empty")]
    public void Files_that_are_not_templates_are_skipped_with_the_reason(string fixture, string reason)
    {
        var skipped = Assert.IsType<ParseResult.NotATemplate>(Parse(fixture));

        Assert.Equal(reason, skipped.Reason);
        Assert.Equal(Path.GetFileName(fixture), skipped.Path);
    }

    [Fact]
    public void A_yaml_file_with_its_own_tags_is_skipped_not_reported_when_it_is_not_a_template()
    {
        Assert.IsType<ParseResult.NotATemplate>(Parse("Detection/gitlab-ci.yml"));
    }

    [Fact]
    public void A_sam_template_is_a_template()
    {
        var template = Load("Detection/sam.yaml");

        Assert.Equal("AWS::Serverless::Function", template.FindResource("Fn")!.Type);
    }

    [Fact]
    public void A_template_with_only_a_format_version_is_a_template()
    {
        Assert.Empty(Load("Detection/version-only.template").Resources);
    }

    [Theory]
    [InlineData("Detection/version-only.template")]
    [InlineData("Detection/yaml.template")]
    public void The_format_is_chosen_by_content_not_by_extension(string fixture)
    {
        Assert.IsType<ParseResult.Loaded>(Parse(fixture));
    }

    [Fact]
    public void Resources_whose_entries_have_no_resource_type_are_not_a_template()
    {
        var result = TemplateParser.Parse("config.yaml", "Resources:\n  cpu: 2\n  memory: {Type: fast}\n");

        Assert.IsType<ParseResult.NotATemplate>(result);
    }

    [Fact]
    public void A_json_flow_style_yaml_file_is_read_as_json()
    {
        var error = Failed(TemplateParser.Parse("flow.yaml", "{Resources: {B: {Type: AWS::S3::Bucket}}}"));

        Assert.Equal("flow.yaml:1:2: 'R' is an invalid start of a property name. Expected a '\"'", error.ToString());
    }
}
