using Rampart.Policy.Model;

namespace Rampart.Policy.Loading;

/// <summary>Tells a CloudFormation or SAM template from the other JSON and YAML files of a repository.</summary>
internal static class TemplateShape
{
    private const string SamTransform = "AWS::Serverless-2016-10-31";

    /// <summary>Why <paramref name="root"/> is not a template, or null when it is one.</summary>
    public static string? WhyNotATemplate(TemplateNode? root)
    {
        if (root is not { } node)
        {
            return "the file is empty";
        }

        switch (node.Kind)
        {
            case NodeKind.Null:
                return "the file is empty";
            case NodeKind.Sequence:
                return "the top level is a list, not a mapping";
            case NodeKind.Mapping when IsTemplate(node.AsMapping()!.Value):
                return null;
            case NodeKind.Mapping:
                return "no AWSTemplateFormatVersion, no SAM Transform and no Resources entry with a Type";
            default:
                return "the top level is a single value, not a mapping";
        }
    }

    private static bool IsTemplate(MappingNode root) =>
        root.ContainsKey("AWSTemplateFormatVersion") || HasSamTransform(root["Transform"]) || HasTypedResource(root["Resources"]);

    private static bool HasSamTransform(TemplateNode? transform)
    {
        if (transform?.AsScalar() is { } scalar)
        {
            return scalar.Text == SamTransform;
        }

        if (transform?.AsSequence() is { } list)
        {
            foreach (var item in list.Items)
            {
                if (item.AsScalar() is { Text: SamTransform })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A resource type has the shape <c>AWS::S3::Bucket</c>, <c>Custom::Thing</c>, <c>AWS::Serverless::Function</c>.</summary>
    private static bool HasTypedResource(TemplateNode? resources)
    {
        if (resources?.AsMapping() is not { } mapping)
        {
            return false;
        }

        foreach (var entry in mapping.Entries)
        {
            if (entry.Value.AsMapping() is { } body
                && body["Type"]?.AsScalar() is { } type
                && type.Text.Contains("::", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
