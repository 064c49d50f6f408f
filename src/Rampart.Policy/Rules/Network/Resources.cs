using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>Small questions about resources that several NET rules ask.</summary>
public static class Resources
{
    /// <summary>
    /// False when the resource's condition is constantly false (it is never created). The resource's guard
    /// covers conditions that depend on the deployment.
    /// </summary>
    public static bool CanExist(ResourceContext resource) =>
        resource.Resource.Condition is not { } condition || resource.Template.Resolver.ConstantCondition(condition) != false;

    /// <summary>The resource a value refers to (<c>Ref</c> / <c>Fn::GetAtt</c>) when it is one of <paramref name="types"/>.</summary>
    public static ResourceContext? Referenced(ResourceContext from, Resolved value, params string[] types) =>
        from.Follow(value) is { } target && (types.Length == 0 || types.Contains(target.Type, StringComparer.Ordinal)) ? target : null;

    /// <summary>True when the value refers to <paramref name="logicalId"/> (any attribute).</summary>
    public static bool RefersTo(Resolved value, string logicalId) =>
        value.Kind == ValueKind.ResourceReference && value.ReferencedLogicalId == logicalId;

    /// <summary>True for custom resources (<c>Custom::*</c> and <c>AWS::CloudFormation::CustomResource</c>).</summary>
    public static bool IsCustomResource(string type) =>
        type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource";

    /// <summary>
    /// A value for a message: the logical ID a reference names, the text of a known value, or why it cannot be
    /// resolved ("parameter Subnets has no default").
    /// </summary>
    public static string Name(Resolved value) => value.Kind switch
    {
        ValueKind.ResourceReference => value.ReferencedLogicalId!,
        ValueKind.Unknown => $"an unresolved value ({value.UnknownReason})",
        _ => value.Describe(),
    };

    /// <summary>The known text of a value, or the known part of a string built with Fn::Sub / Fn::Join.</summary>
    public static string? TextOrPartial(Resolved value) => value.AsString() ?? (value.IsUnknown ? value.PartialText : null);
}
