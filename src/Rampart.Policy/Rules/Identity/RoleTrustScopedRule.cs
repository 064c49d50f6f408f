namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-06: every Allow statement of a role's trust policy names one principal, and guards it:
/// <list type="bullet">
/// <item>a service principal (one per statement) with <c>aws:SourceAccount</c>, <c>aws:SourceArn</c>,
/// <c>aws:SourceOrgID</c> or <c>aws:SourceOrgPaths</c>, so the service cannot be used as a confused deputy
/// by another account;</item>
/// <item>an account or role principal (a human or a third party) with <c>aws:MultiFactorAuthPresent</c> = true
/// (<c>Bool</c>, not <c>BoolIfExists</c>) or an <c>sts:ExternalId</c>;</item>
/// <item>a federated principal with a condition on the provider's audience or subject
/// (<c>...:aud</c>, <c>...:sub</c>, <c>SAML:*</c>).</item>
/// </list>
/// <c>"*"</c>, <c>NotPrincipal</c>, canonical users and several principal kinds in one statement are reported.
/// Lambda-backed custom resources written by the CDK usually lack the source conditions: they are reported too.
/// </summary>
public sealed class RoleTrustScopedRule : IResourceRule
{
    private static readonly string[] SourceKeys = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"];

    public RuleMetadata Metadata { get; } = new(
        "IAM-06",
        "Role trust policies name one principal and guard it against confused deputies",
        Severity.Medium,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Give each trust statement one principal; for a service add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": {\"Ref\": \"AWS::AccountId\"}}} (or aws:SourceArn of the calling resource); for an account principal add \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"} or an sts:ExternalId; for a federated principal a condition on its :aud/:sub.",
            Cdk: "new Role(..., {assumedBy: new ServicePrincipal(\"ecs-tasks.amazonaws.com\", {conditions: {StringEquals: {\"aws:SourceAccount\": stack.account}}})}); for people use new AccountPrincipal(...).withConditions({Bool: {\"aws:MultiFactorAuthPresent\": \"true\"}}); for custom resources supply a role built this way."))
    {
        SeedText = "Never Trust, Always Verify: Authenticate and authorize every request regardless of location ... Multi-Factor Authentication.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Policies.RoleType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var statement in Policies.Statements(resource, PolicyKind.Trust))
        {
            if (!statement.MayAllow)
            {
                continue;
            }

            if (statement.HasNotPrincipal)
            {
                foreach (var notPrincipal in statement.PrincipalProperty)
                {
                    yield return resource.Fail(notPrincipal, "trusts everyone but the principals in NotPrincipal: name the one principal trusted instead", "NotPrincipal");
                }

                continue;
            }

            var principals = statement.Principals().ToList();
            var kinds = principals.Select(p => p.Kind).Distinct(StringComparer.Ordinal).ToList();
            var services = principals.Where(p => p.Kind == "Service").ToList();
            if (kinds.Count > 1 || services.Count > 1)
            {
                var property = statement.PrincipalProperty.First();
                var named = string.Join(", ", principals.Select(p => p.Value.AsString() ?? p.Kind));
                yield return resource.Fail(property, $"trusts several principals in one statement ({named}): give each principal its own statement and conditions", "principals");
            }

            foreach (var principal in principals)
            {
                foreach (var violation in Judge(statement, principal))
                {
                    yield return violation;
                }
            }
        }
    }

    private static IEnumerable<Violation> Judge(PolicyStatement statement, Principal principal)
    {
        var owner = statement.Owner;
        if (principal.IsEveryone)
        {
            yield return owner.Fail(principal.Value, "trusts every AWS account (\"*\"): name the one principal that may assume the role", "*");
            yield break;
        }

        if (principal.Kind == Principal.UnknownKind || principal.Value.IsUnknown && principal.Kind == "Service")
        {
            yield return owner.Unprovable(principal.Value, $"trusts a principal that cannot be resolved ({Arns.Describe(principal.Value)})");
            yield break;
        }

        var (accepts, demand) = principal.Kind switch
        {
            "Service" => ((Func<ConditionClause, bool>)(c => c.IsAnyKey(SourceKeys) && c.Values.All(v => v.AsString() != "*")),
                "an aws:SourceAccount or aws:SourceArn condition (without one, another account can have the service act for it: a confused deputy)"),
            "AWS" => (c => (c.IsKey("aws:MultiFactorAuthPresent") && c.BaseOperator == "Bool" && !c.IfExists && c.HasBooleanValue(true)) || c.IsKey("sts:ExternalId"),
                "an aws:MultiFactorAuthPresent (Bool true) or sts:ExternalId condition"),
            "Federated" => (c => c.Key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase) || c.Key.EndsWith(":sub", StringComparison.OrdinalIgnoreCase) || c.Key.StartsWith("SAML:", StringComparison.OrdinalIgnoreCase),
                "a condition on the identity provider's audience or subject (:aud, :sub, SAML:)"),
            _ => ((Func<ConditionClause, bool>?)null, $"no {principal.Kind} principal: trust a role, a service or a federated provider"),
        };

        var name = principal.Value.AsString() ?? principal.Kind;
        if (accepts is null)
        {
            yield return owner.Fail(principal.Value, $"trusts {name}: {demand}", principal.Kind);
            yield break;
        }

        foreach (var block in statement.ConditionBlocks)
        {
            if (block.IsUnknown)
            {
                yield return owner.Unprovable(block, $"trusts {name}; its Condition cannot be resolved to check for {demand}", name);
                continue;
            }

            if (statement.Clauses(block).Any(accepts) || block.Guard.And(principal.Value.Guard) is not { } guard)
            {
                continue;
            }

            var at = block.IsAbsent ? principal.Value : block;
            yield return owner.Fail(at, $"trusts {name} without {demand}", name) with { Guard = guard, Proven = true };
        }
    }
}
