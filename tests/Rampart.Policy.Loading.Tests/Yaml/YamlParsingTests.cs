using Rampart.Policy.Model;
using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests.Yaml;

public class YamlParsingTests
{
    [Fact]
    public void Nodes_and_keys_keep_their_exact_line_and_column()
    {
        var root = Load("Yaml/positions.yaml").Root;
        var properties = At(root, "Resources", "Web", "Properties");

        Assert.Equal((2, 1), Position(EntryAt(root, "Resources").KeyLocation));
        Assert.Equal((3, 3), Position(EntryAt(root, "Web", "Resources").KeyLocation));
        Assert.Equal((4, 5), Position(EntryAt(root, "Type", "Resources", "Web").KeyLocation));
        Assert.Equal((4, 11), Position(At(root, "Resources", "Web", "Type")));
        Assert.Equal((6, 25), Position(At(properties, "GroupDescription")));
        Assert.Equal((8, 9), Position(At(properties, "SecurityGroupIngress")));
        Assert.Equal((8, 11), Position(At(properties, "SecurityGroupIngress", 0)));
        Assert.Equal((9, 11), Position(EntryAt(properties, "FromPort", "SecurityGroupIngress", 0).KeyLocation));
        Assert.Equal((9, 21), Position(At(properties, "SecurityGroupIngress", 0, "FromPort")));
        Assert.Equal((10, 19), Position(At(properties, "SecurityGroupIngress", 0, "CidrIp")));
        Assert.Equal("positions.yaml", At(properties, "SecurityGroupIngress", 0, "CidrIp").Location.File);
    }

    [Fact]
    public void A_short_form_sits_at_its_tag_and_its_argument_at_its_value()
    {
        var properties = At(Load("Yaml/positions.yaml").Root, "Resources", "Web", "Properties");

        Assert.Equal((11, 14), Position(At(properties, "VpcId")));
        Assert.Equal((11, 14), Position(EntryAt(properties, "Ref", "VpcId").KeyLocation));
        Assert.Equal((11, 19), Position(At(properties, "VpcId", "Ref")));

        // A block list after the tag starts on the next line.
        var sub = At(properties, "Tags", 0, "Value");
        Assert.Equal((14, 18), Position(sub));
        Assert.Equal((15, 13), Position(At(sub, "Fn::Sub")));
        Assert.Equal((15, 15), Position(At(sub, "Fn::Sub", 0)));
        Assert.Equal((16, 20), Position(At(sub, "Fn::Sub", 1, "App")));
        Assert.Equal((16, 28), Position(At(sub, "Fn::Sub", 1, "App", "Fn::GetAtt", 0)));
        Assert.Equal((16, 34), Position(At(sub, "Fn::Sub", 1, "App", "Fn::GetAtt", 1)));
    }

    [Fact]
    public void Short_forms_nest_and_load_as_their_long_form()
    {
        var root = Load("Yaml/short-forms.yaml").Root;
        var properties = At(root, "Resources", "Bucket", "Properties");

        Assert.Equal("""{"Fn::Equals":[{"Ref":"Env"},"prod"]}""", Render(At(root, "Conditions", "IsProd")));
        Assert.Equal("""{"Fn::Not":[{"Condition":"IsProd"}]}""", Render(At(root, "Conditions", "NotProd")));
        Assert.Equal(
            """{"Fn::And":[{"Condition":"IsProd"},{"Fn::Or":[{"Condition":"IsProd"},{"Condition":"NotProd"}]}]}""",
            Render(At(root, "Conditions", "Both")));
        Assert.Equal("""{"Fn::If":["IsProd",{"Ref":"ProdName"},{"Ref":"DevName"}]}""", Render(At(properties, "BucketName")));
        Assert.Equal("""{"Fn::Sub":"${AWS::StackName}-bucket"}""", Render(At(properties, "Sub")));
        Assert.Equal(
            """{"Fn::Sub":["${Name}-${Suffix}",{"Name":{"Ref":"Base"},"Suffix":{"Fn::Select":[0,{"Fn::Split":["-",{"Ref":"Tag"}]}]}}]}""",
            Render(At(properties, "SubMap")));
        Assert.Equal(
            """{"Fn::Join":["",["a",{"Fn::ImportValue":"Shared"},{"Fn::FindInMap":["Map",{"Ref":"AWS::Region"},"Key"]}]]}""",
            Render(At(properties, "Joined")));
        Assert.Equal("""{"Fn::GetAZs":""}""", Render(At(properties, "Zones")));
        Assert.Equal("""{"Fn::Base64":"hello"}""", Render(At(properties, "Data")));
        Assert.Equal("""{"Fn::Cidr":[{"Fn::GetAtt":["Vpc","CidrBlock"]},6,8]}""", Render(At(properties, "Blocks")));
        Assert.Equal("""{"Fn::Length":["a","b"]}""", Render(At(properties, "Len")));
        Assert.Equal("""{"Fn::ToJsonString":{"a":1}}""", Render(At(properties, "Json")));
        Assert.Equal(
            """{"Fn::Transform":{"Name":"AWS::Include","Parameters":{"Location":"s3://b/k"}}}""",
            Render(At(properties, "Included")));
    }

    [Fact]
    public void GetAtt_dotted_and_list_forms_load_the_same()
    {
        var properties = At(Load("Yaml/short-forms.yaml").Root, "Resources", "Bucket", "Properties");

        // Logical IDs have no dots; attribute names may (Endpoint.Address).
        Assert.Equal("""{"Fn::GetAtt":["Db","Endpoint.Address"]}""", Render(At(properties, "Dotted")));
        Assert.Equal("""{"Fn::GetAtt":["Db","Endpoint.Address"]}""", Render(At(properties, "Listed")));
        Assert.Equal("""{"Fn::GetAtt":["Db","Arn"]}""", Render(At(properties, "Quoted")));

        // The quote is not part of the logical ID's column.
        Assert.Equal((13, 24), Position(At(properties, "Quoted", "Fn::GetAtt", 0)));
        Assert.Equal((13, 27), Position(At(properties, "Quoted", "Fn::GetAtt", 1)));
    }

    [Theory]
    [InlineData("!Ref", "Ref")]
    [InlineData("!Condition", "Condition")]
    [InlineData("!GetAtt", "Fn::GetAtt")]
    [InlineData("!Sub", "Fn::Sub")]
    [InlineData("!Join", "Fn::Join")]
    [InlineData("!If", "Fn::If")]
    [InlineData("!Select", "Fn::Select")]
    [InlineData("!Split", "Fn::Split")]
    [InlineData("!FindInMap", "Fn::FindInMap")]
    [InlineData("!GetAZs", "Fn::GetAZs")]
    [InlineData("!ImportValue", "Fn::ImportValue")]
    [InlineData("!Base64", "Fn::Base64")]
    [InlineData("!Cidr", "Fn::Cidr")]
    [InlineData("!Equals", "Fn::Equals")]
    [InlineData("!And", "Fn::And")]
    [InlineData("!Or", "Fn::Or")]
    [InlineData("!Not", "Fn::Not")]
    [InlineData("!Transform", "Fn::Transform")]
    [InlineData("!Length", "Fn::Length")]
    [InlineData("!ToJsonString", "Fn::ToJsonString")]
    [InlineData("!Contains", "Fn::Contains")]
    [InlineData("!EachMemberEquals", "Fn::EachMemberEquals")]
    [InlineData("!EachMemberIn", "Fn::EachMemberIn")]
    [InlineData("!RefAll", "Fn::RefAll")]
    [InlineData("!ValueOf", "Fn::ValueOf")]
    [InlineData("!ValueOfAll", "Fn::ValueOfAll")]
    public void Every_short_form_tag_loads_as_its_long_form(string tag, string longForm)
    {
        var root = Loaded(TemplateParser.Parse("tags.yaml", $$"""
            Resources:
              B:
                Type: AWS::S3::Bucket
                Properties:
                  OnList: {{tag}} [a, b]
                  OnMapping: {{tag}} {"k": v}
                  OnScalar: {{tag}} "x.y"
            """)).Root;
        var properties = At(root, "Resources", "B", "Properties");

        Assert.Equal($$$"""{"{{{longForm}}}":["a","b"]}""", Render(At(properties, "OnList")));
        Assert.Equal($$$"""{"{{{longForm}}}":{"k":"v"}}""", Render(At(properties, "OnMapping")));
        var onScalar = Intrinsic(properties, "OnScalar");
        Assert.Equal(longForm, onScalar.Name);
        Assert.Equal(tag == "!GetAtt" ? """["x","y"]""" : "\"x.y\"", Render(onScalar.Argument));
    }

    [Theory]
    [InlineData("true", ScalarKind.Boolean)]
    [InlineData("True", ScalarKind.Boolean)]
    [InlineData("FALSE", ScalarKind.Boolean)]
    [InlineData("yes", ScalarKind.String)]
    [InlineData("No", ScalarKind.String)]
    [InlineData("on", ScalarKind.String)]
    [InlineData("off", ScalarKind.String)]
    [InlineData("y", ScalarKind.String)]
    [InlineData("tRUE", ScalarKind.String)]
    [InlineData("null", ScalarKind.Null)]
    [InlineData("NULL", ScalarKind.Null)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("", ScalarKind.Null)]
    [InlineData("443", ScalarKind.Number)]
    [InlineData("-1.50", ScalarKind.Number)]
    [InlineData("+7", ScalarKind.Number)]
    [InlineData(".5", ScalarKind.Number)]
    [InlineData("1.", ScalarKind.Number)]
    [InlineData("6.02e23", ScalarKind.Number)]
    [InlineData("012", ScalarKind.Number)]
    [InlineData("0x1F", ScalarKind.String)]
    [InlineData("0o17", ScalarKind.String)]
    [InlineData(".inf", ScalarKind.String)]
    [InlineData("1_000", ScalarKind.String)]
    [InlineData("1e", ScalarKind.String)]
    [InlineData("2010-09-09", ScalarKind.String)]
    [InlineData("0.0.0.0/0", ScalarKind.String)]
    [InlineData("\"443\"", ScalarKind.String)]
    [InlineData("'true'", ScalarKind.String)]
    [InlineData("\"\"", ScalarKind.String)]
    [InlineData("!!str 443", ScalarKind.String)]
    [InlineData("!!int \"443\"", ScalarKind.Number)]
    [InlineData("!!bool \"yes\"", ScalarKind.Boolean)]
    [InlineData("!!null ''", ScalarKind.Null)]
    public void Scalars_are_typed_as_yaml_1_2_core_schema_says(string written, ScalarKind expected)
    {
        var root = Loaded(TemplateParser.Parse("kinds.yaml", $"AWSTemplateFormatVersion: \"2010-09-09\"\nValue: {written}\n")).Root;

        Assert.Equal(expected, Scalar(root, "Value").Kind);
    }

    [Fact]
    public void A_character_beyond_the_basic_plane_is_two_columns_as_in_utf16()
    {
        var root = Loaded(TemplateParser.Parse("emoji.yaml", "AWSTemplateFormatVersion: x\nTags: {a: 😀, b: !Ref c}\n")).Root;

        Assert.Equal((2, 18), Position(At(root, "Tags", "b")));
        Assert.Equal((2, 23), Position(At(root, "Tags", "b", "Ref")));
    }

    [Fact]
    public void Scalars_keep_their_text_as_written()
    {
        var root = Loaded(TemplateParser.Parse("text.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Port: 0443
            Ratio: 1.50
            Script: |
              #!/bin/sh
              echo hi
            Folded: >-
              one
              two
            """)).Root;

        Assert.Equal("0443", Scalar(root, "Port").Text);
        Assert.Equal("1.50", Scalar(root, "Ratio").Text);
        Assert.Equal(("#!/bin/sh\necho hi\n", ScalarKind.String), (Scalar(root, "Script").Text, Scalar(root, "Script").Kind));
        Assert.Equal("one two", Scalar(root, "Folded").Text);
    }

    [Fact]
    public void Aliases_share_the_anchored_node_and_merge_keys_apply()
    {
        var root = Load("Yaml/anchors.yaml").Root;
        var a = At(root, "Resources", "A", "Properties");

        // One node, not copies: nodes are equal when they are the same node of the same document.
        Assert.Equal(At(root, "Metadata", "CommonTags"), At(a, "Tags"));
        Assert.Equal(At(a, "Tags"), At(root, "Resources", "B", "Properties", "Tags"));

        // Keys written beside the merge key win over merged ones.
        Assert.Equal(["BucketName", "Tags", "VersioningConfiguration"], Mapping(a).Entries.Select(entry => entry.Key));
        Assert.Equal("a", Scalar(a, "BucketName").Text);
        Assert.Equal((14, 19), Position(At(a, "BucketName")));
        Assert.Equal("""{"Status":"Enabled"}""", Render(At(a, "VersioningConfiguration")));
    }

    [Fact]
    public void An_anchored_node_starts_at_its_value_not_at_its_anchor()
    {
        var root = Load("Yaml/anchors.yaml").Root;

        // "BaseProps: &base" then the mapping on the next line.
        Assert.Equal((7, 5), Position(At(root, "Metadata", "BaseProps")));
        Assert.Equal((7, 30), Position(At(root, "Metadata", "BaseProps", "VersioningConfiguration")));
        Assert.Equal((7, 39), Position(At(root, "Metadata", "BaseProps", "VersioningConfiguration", "Status")));
    }
}
