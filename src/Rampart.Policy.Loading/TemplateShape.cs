using Rampart.Policy.Model;

namespace Rampart.Policy.Loading;

/// <summary>Tells a CloudFormation or SAM template from the other JSON and YAML files of a repository.</summary>
internal static class TemplateShape
{
    private const string SamTransform = "AWS::Serverless-2016-10-31";

    /// <summary>Why <paramref name="root"/> is not a template, or null when it is one.</summary>
    public static string? WhyNotATemplate(TemplateNode? root)
    {
        switch (root)
        {
            case null:
            case ScalarNode { Kind: ScalarKind.Null }:
                return "the file is empty";
            case SequenceNode:
                return "the top level is a list, not a mapping";
            case ScalarNode:
                return "the top level is a single value, not a mapping";
            case MappingNode mapping when IsTemplate(mapping):
                return null;
            default:
                return "no AWSTemplateFormatVersion, no SAM Transform and no Resources entry with a Type";
        }
    }

    private static bool IsTemplate(MappingNode root) =>
        root.ContainsKey("AWSTemplateFormatVersion") || HasSamTransform(root["Transform"]) || HasTypedResource(root["Resources"]);

    private static bool HasSamTransform(TemplateNode? transform) => transform switch
    {
        ScalarNode scalar => scalar.Text == SamTransform,
        SequenceNode list => list.Items.Any(item => item is ScalarNode { Text: SamTransform }),
        _ => false,
    };

    /// <summary>A resource type has the shape <c>AWS::S3::Bucket</c>, <c>Custom::Thing</c>, <c>AWS::Serverless::Function</c>.</summary>
    private static bool HasTypedResource(TemplateNode? resources) =>
        resources is MappingNode mapping
        && mapping.Entries.Any(entry =>
            entry.Value is MappingNode body
            && body["Type"] is ScalarNode type
            && type.Text.Contains("::", StringComparison.Ordinal));
}
