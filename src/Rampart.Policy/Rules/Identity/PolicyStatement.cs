using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// One statement of a policy document: its effect, actions, resources, principals and conditions, each read
/// with every alternative, path and position, so a rule can report the exact value at fault.
/// </summary>
public sealed class PolicyStatement
{
    // Statements are shared by every rule that reads them (see Policies.Statements): what they are asked again and
    // again is worked out once. Races between rules on two threads only work it out twice, to the same answer.
    private Resolved[]? _actions;
    private Resolved[]? _resources;
    private Resolved[]? _principalProperty;
    private Resolved[]? _conditionBlocks;
    private int _mayAllow;
    private int _isDeny;
    private int _hasNotAction;
    private int _hasNotResource;
    private int _hasNotPrincipal;

    internal PolicyStatement(PolicyDocument document, Resolved value)
    {
        Document = document;
        Value = value;
    }

    public PolicyDocument Document { get; }

    public ResourceContext Owner => Document.Owner;

    public PolicyKind Kind => Document.Kind;

    /// <summary>The statement itself (a mapping, or unknown).</summary>
    public Resolved Value { get; }

    /// <summary>
    /// True when the statement may allow: its <c>Effect</c> is <c>Allow</c> in some alternative, or cannot be
    /// known (judged as if it allowed, the safe reading).
    /// </summary>
    public bool MayAllow => _mayAllow != 0 ? _mayAllow == 2 : Remember(ref _mayAllow, Owner.Get(Value, "Effect").Any(e => e.IsUnknown || e.AsString() == "Allow"));

    /// <summary>True when the statement denies in every alternative of its effect.</summary>
    public bool IsDeny => _isDeny != 0 ? _isDeny == 2 : Remember(ref _isDeny, Owner.Get(Value, "Effect").All(e => e.AsString() == "Deny"));

    /// <summary>True when the statement lists what it does not grant (<c>NotAction</c>) instead of what it grants.</summary>
    public bool HasNotAction => _hasNotAction != 0 ? _hasNotAction == 2 : Remember(ref _hasNotAction, !Property("NotAction").All(v => v.IsAbsent));

    /// <summary>True when the statement lists the resources it does not apply to (<c>NotResource</c>).</summary>
    public bool HasNotResource => _hasNotResource != 0 ? _hasNotResource == 2 : Remember(ref _hasNotResource, !Property("NotResource").All(v => v.IsAbsent));

    /// <summary>True when the statement names who it does not apply to (<c>NotPrincipal</c>).</summary>
    public bool HasNotPrincipal => _hasNotPrincipal != 0 ? _hasNotPrincipal == 2 : Remember(ref _hasNotPrincipal, !Property("NotPrincipal").All(v => v.IsAbsent));

    /// <summary>Every item of <c>Action</c> (or of <c>NotAction</c> when <see cref="HasNotAction"/>).</summary>
    public IEnumerable<Resolved> Actions => _actions ??= [.. Items(HasNotAction ? "NotAction" : "Action")];

    /// <summary>The <c>NotAction</c> property itself (for reporting it), or absent values.</summary>
    public IEnumerable<Resolved> NotActionProperty => Property("NotAction");

    /// <summary>Every item of <c>Resource</c> (or of <c>NotResource</c>).</summary>
    public IEnumerable<Resolved> Resources => _resources ??= [.. Items(HasNotResource ? "NotResource" : "Resource")];

    /// <summary>The <c>Principal</c> property (every alternative).</summary>
    public IEnumerable<Resolved> PrincipalProperty => _principalProperty ??= [.. Property(HasNotPrincipal ? "NotPrincipal" : "Principal")];

    /// <summary>The statement's <c>Condition</c> blocks (every alternative; absent when it has none).</summary>
    public IEnumerable<Resolved> ConditionBlocks => _conditionBlocks ??= [.. Property("Condition")];

    /// <summary>
    /// The principals of the statement: <c>"*"</c> written alone, or each entry of the <c>AWS</c>, <c>Service</c>,
    /// <c>Federated</c> and <c>CanonicalUser</c> lists, with the list it came from.
    /// </summary>
    public IEnumerable<Principal> Principals()
    {
        foreach (var principal in PrincipalProperty)
        {
            switch (principal.Kind)
            {
                case ValueKind.Absent:
                    break;
                case ValueKind.Mapping:
                    foreach (var entry in principal.Mapping!.Value.Entries)
                    {
                        foreach (var list in Policies.Child(Owner, principal, entry.Key))
                        {
                            foreach (var item in Policies.Items(Owner, list))
                            {
                                yield return new Principal(entry.Key, item);
                            }
                        }
                    }

                    break;
                case ValueKind.String when principal.Text == "*":
                    yield return new Principal(Principal.Anyone, principal);
                    break;
                default:
                    // A Lambda permission's principal is one string: a service, an account or an ARN.
                    var text = principal.AsString();
                    yield return new Principal(
                        text is null ? Principal.UnknownKind : text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) ? "Service" : "AWS",
                        principal);
                    break;
            }
        }
    }

    /// <summary>The clauses of one condition block: operator, key and value alternatives.</summary>
    public IEnumerable<ConditionClause> Clauses(Resolved block)
    {
        if (block.Kind != ValueKind.Mapping)
        {
            yield break;
        }

        foreach (var operatorEntry in block.Mapping!.Value.Entries)
        {
            foreach (var keys in Policies.Child(Owner, block, operatorEntry.Key))
            {
                if (keys.Kind != ValueKind.Mapping)
                {
                    continue;
                }

                foreach (var keyEntry in keys.Mapping!.Value.Entries)
                {
                    foreach (var values in Policies.Child(Owner, keys, keyEntry.Key))
                    {
                        yield return new ConditionClause(operatorEntry.Key, keyEntry.Key, values, Policies.Items(Owner, values).ToList());
                    }
                }
            }
        }
    }

    /// <summary>Keeps an answer: 0 not worked out yet, 1 false, 2 true (an int is read and written whole).</summary>
    private static bool Remember(ref int slot, bool answer)
    {
        slot = answer ? 2 : 1;
        return answer;
    }

    private IEnumerable<Resolved> Property(string name) => Policies.Child(Owner, Value, name).DefaultIfEmpty(AbsentChild(name));

    private IEnumerable<Resolved> Items(string name) => Property(name).SelectMany(v => Policies.Items(Owner, v));

    private Resolved AbsentChild(string name) => Owner.Get(Value, name).First();
}

/// <summary>One principal of a statement: the list it came from (<c>AWS</c>, <c>Service</c>, ...) and its value.</summary>
public sealed record Principal(string Kind, Resolved Value)
{
    /// <summary>The kind of <c>Principal: "*"</c>.</summary>
    public const string Anyone = "*";

    /// <summary>The kind of a principal whose shape cannot be known (a parameter, an import).</summary>
    public const string UnknownKind = "?";

    /// <summary>True for <c>"*"</c> alone or <c>{"AWS": "*"}</c>: everyone, in every account.</summary>
    public bool IsEveryone => (Kind == Anyone || Kind == "AWS") && Value.AsString() == "*";
}

/// <summary>
/// One condition: <c>"StringEquals": {"aws:SourceAccount": "111111111111"}</c> is operator <c>StringEquals</c>,
/// key <c>aws:SourceAccount</c>, values <c>["111111111111"]</c>.
/// </summary>
public sealed record ConditionClause(string Operator, string Key, Resolved Value, IReadOnlyList<Resolved> Values)
{
    /// <summary>The operator without its set prefix (<c>ForAnyValue:</c>) and <c>IfExists</c> suffix.</summary>
    public string BaseOperator
    {
        get
        {
            var name = Operator;
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                name = name[(colon + 1)..];
            }

            return name.EndsWith("IfExists", StringComparison.Ordinal) ? name[..^"IfExists".Length] : name;
        }
    }

    /// <summary>True when the operator ends in <c>IfExists</c>: the condition holds when the key is missing.</summary>
    public bool IfExists => Operator.EndsWith("IfExists", StringComparison.Ordinal);

    /// <summary>Condition keys are case-insensitive.</summary>
    public bool IsKey(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the key is one of <paramref name="keys"/> (a loop: no delegate per clause).</summary>
    public bool IsAnyKey(IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (IsKey(keys[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some value is the boolean (or string) <paramref name="expected"/>.</summary>
    public bool HasBooleanValue(bool expected) => Values.Any(v => v.AsBoolean() == expected);
}
