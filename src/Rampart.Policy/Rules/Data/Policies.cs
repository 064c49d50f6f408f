using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// Reading resource policies (bucket policies, repository policies) for the DATA and CTR rules: statements, and
/// whether a statement grants everyone.
/// </summary>
public static class Policies
{
    /// <summary>The statements of a policy document: the items of a <c>Statement</c> list, or its single statement object.</summary>
    public static IEnumerable<Resolved> Statements(ResourceContext resource, Resolved document)
    {
        foreach (var statement in resource.Get(document, "Statement"))
        {
            if (statement.Kind == ValueKind.Sequence)
            {
                foreach (var item in resource.Get(statement, "[*]"))
                {
                    yield return item;
                }
            }
            else if (!statement.IsAbsent)
            {
                yield return statement;
            }
        }
    }

    /// <summary>True when some alternative of the statement's <c>Effect</c> is <paramref name="effect"/>.</summary>
    public static bool MayHaveEffect(ResourceContext resource, Resolved statement, string effect) =>
        resource.Get(statement, "Effect").Any(e => string.Equals(e.AsString(), effect, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when every alternative of the statement's <c>Effect</c> is <paramref name="effect"/>.</summary>
    public static bool HasEffect(ResourceContext resource, Resolved statement, string effect) =>
        resource.Get(statement, "Effect").All(e => string.Equals(e.AsString(), effect, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The principal values that make a statement apply to everyone: <c>"*"</c>, <c>{AWS: "*"}</c> (alone or in a list),
    /// any <c>NotPrincipal</c>; and principals that cannot be resolved at all (they may be <c>"*"</c>). A partly known
    /// ARN (<c>arn:${AWS::Partition}:iam::${AWS::AccountId}:root</c>) is not everyone.
    /// </summary>
    public static IEnumerable<Resolved> EveryonePrincipals(ResourceContext resource, Resolved statement)
    {
        foreach (var notPrincipal in resource.Get(statement, "NotPrincipal").Where(p => !p.IsAbsent))
        {
            yield return notPrincipal;
        }

        foreach (var principal in resource.Get(statement, "Principal"))
        {
            if (MayBeEveryone(principal))
            {
                yield return principal;
                continue;
            }

            if (principal.Kind != ValueKind.Mapping)
            {
                continue;
            }

            foreach (var aws in resource.Get(principal, "AWS"))
            {
                var candidates = aws.Kind == ValueKind.Sequence ? resource.Get(aws, "[*]") : [aws];
                foreach (var candidate in candidates.Where(MayBeEveryone))
                {
                    yield return candidate;
                }
            }
        }
    }

    /// <summary>True when the statement has a non-empty <c>Condition</c> (or one that cannot be resolved).</summary>
    public static bool HasCondition(ResourceContext resource, Resolved statement) =>
        resource.Get(statement, "Condition").Any(c => c.IsUnknown || (c.Kind == ValueKind.Mapping && c.Mapping!.Value.Count > 0));

    private static bool MayBeEveryone(Resolved principal) =>
        principal.AsString() == "*"
        || (principal.IsUnknown && (principal.PartialText is null || IsSinglePlaceholder(principal.PartialText)));

    private static bool IsSinglePlaceholder(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1;
}
