namespace Rampart.Architecture.Identity;

/// <summary>
/// The tags every workload role carries. Key policies test them through <c>aws:PrincipalTag</c>
/// (attribute-based access, IAM-05), so tagging a role is what admits it, not its name.
/// </summary>
public static class WorkloadTags
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public const string Application = "rampart:application";

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public const string Environment = "rampart:environment";

    /// <summary>The condition key that reads <paramref name="tagKey"/> from the calling principal.</summary>
    public static string PrincipalTagCondition(string tagKey) => $"aws:PrincipalTag/{tagKey}";
}
