using Rampart.Policy.Evaluation;
using Rampart.Policy.Loading;
using Rampart.Policy.Model;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules;

namespace Rampart.Policy.Tests.Engine;

/// <summary>
/// Templates CloudFormation would reject but a scanner still meets (half-edited, generated, hostile): the engine
/// reports what it can and never throws or loops. Each case was found by <see cref="MutatedFixtureTests"/>.
/// </summary>
public sealed class UnusualTemplateTests
{
    private static readonly PolicyEngine Engine = new(RuleCatalogue.All);

    [Fact]
    public void A_condition_whose_operands_are_not_a_list_is_not_constant()
    {
        var template = Parse("""
            {
              "Conditions": {
                "NotAList": { "Fn::And": "IsProd" },
                "NotEither": { "Fn::Or": { "Ref": "Env" } },
                "NotOne": { "Fn::Not": "IsProd" }
              },
              "Resources": { "Bucket": { "Type": "AWS::S3::Bucket", "Condition": "NotAList" } }
            }
            """);

        var resolver = new Resolver(template);

        Assert.Null(resolver.ConstantCondition("NotAList"));
        Assert.Null(resolver.ConstantCondition("NotEither"));
        Assert.Null(resolver.ConstantCondition("NotOne"));
        Assert.NotEmpty(Evaluate(template).Findings);
    }

    [Fact]
    public void A_parameter_default_that_refers_to_its_own_parameter_is_unknown_instead_of_a_loop()
    {
        var template = Parse("""
            {
              "Parameters": { "Name": { "Type": "String", "Default": { "Fn::Sub": "${Name}-logs" } } },
              "Resources": { "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Ref": "Name" } } } }
            }
            """);

        var value = Assert.Single(ResolveProperty(template, "BucketName"));

        Assert.Equal(ValueKind.Unknown, value.Kind);
        Assert.Equal("the default of parameter Name is an intrinsic function, which CloudFormation does not accept there", value.UnknownReason);
        Assert.NotEmpty(Evaluate(template).Findings);
    }

    [Fact]
    public void A_mapping_value_that_looks_itself_up_is_unknown_instead_of_a_loop()
    {
        var template = Parse("""
            {
              "Mappings": { "Names": { "Logs": { "Bucket": { "Fn::FindInMap": ["Names", "Logs", "Bucket"] } } } },
              "Resources": { "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Fn::FindInMap": ["Names", "Logs", "Bucket"] } } } }
            }
            """);

        var value = Assert.Single(ResolveProperty(template, "BucketName"));

        Assert.Equal("mapping Names.Logs.Bucket is an intrinsic function, which CloudFormation does not accept there", value.UnknownReason);
        Assert.NotEmpty(Evaluate(template).Findings);
    }

    [Fact]
    public void Literal_parameter_defaults_and_mapping_values_still_resolve()
    {
        var template = Parse("""
            {
              "Parameters": { "Name": { "Type": "String", "Default": "logs" } },
              "Mappings": { "Ports": { "App": { "Http": 8080 } } },
              "Resources": {
                "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": { "Ref": "Name" }, "Port": { "Fn::FindInMap": ["Ports", "App", "Http"] } } }
              }
            }
            """);

        Assert.Equal("logs", Assert.Single(ResolveProperty(template, "BucketName")).AsString());
        Assert.Equal(8080, Assert.Single(ResolveProperty(template, "Port")).AsInteger());
    }

    private static IEnumerable<Resolved> ResolveProperty(Template template, string property)
    {
        var properties = template.Resources[0].Properties!.Value;
        return new Resolver(template).Resolve(properties[property], property, Guard.Always, properties.Location);
    }

    private static EvaluationResult Evaluate(Template template) =>
        Engine.Evaluate([new Deployment("scan", [template])], new EvaluationOptions { Parallel = false });

    private static Template Parse(string json) =>
        TemplateParser.Parse("unusual.json", json) is ParseResult.Loaded loaded ? loaded.Template : throw new InvalidOperationException("the test template must parse");
}
