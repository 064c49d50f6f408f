using System.Collections.Frozen;

namespace Rampart.Policy.Loading.Yaml;

/// <summary>
/// CloudFormation's YAML short-form tags and the long form each one stands for:
/// <c>!Ref</c> is <c>Ref</c>, <c>!Condition</c> is <c>Condition</c>, every other <c>!Name</c> is <c>Fn::Name</c>.
/// </summary>
internal static class ShortForms
{
    private static readonly string[] Names =
    [
        "Ref", "GetAtt", "Sub", "Join", "If", "Select", "Split", "FindInMap", "GetAZs", "ImportValue",
        "Base64", "Cidr", "Equals", "And", "Or", "Not", "Condition", "Transform", "Length", "ToJsonString",

        // Functions of the Rules section.
        "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
    ];

    private static readonly FrozenDictionary<string, string> LongForms = Names.ToFrozenDictionary(
        name => "!" + name,
        name => name is "Ref" or "Condition" ? name : "Fn::" + name,
        StringComparer.Ordinal);

    /// <summary>"!Ref, !GetAtt, ...": for the unknown-tag message.</summary>
    public static string Accepted { get; } = string.Join(", ", Names.Select(name => "!" + name));

    /// <summary>The long-form key for a tag such as <c>!GetAtt</c>.</summary>
    public static bool TryGetLongForm(string tag, out string longForm) =>
        LongForms.TryGetValue(tag, out longForm!);
}
