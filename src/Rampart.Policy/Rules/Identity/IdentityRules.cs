namespace Rampart.Policy.Rules.Identity;

/// <summary>The rules of the seed's Identity section, in control order.</summary>
public static class IdentityRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new NoAdministratorAccessRule(),
        new ScopedPermissionsRule(),
        new TaskExecutionRoleLeastPrivilegeRule(),
        new TaskRoleLeastPrivilegeRule(),
        new PolicyConditionsPresentRule(),
        new RoleTrustScopedRule(),
        new NoIamUsersRule(),
        new SecretsRestrictedToNamedRolesRule(),
        new KeyPoliciesSeparateDutiesRule(),
    ];
}
