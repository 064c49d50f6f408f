using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>What a grant's resources must be, in a role's allow-list.</summary>
public enum ResourceRequirement
{
    /// <summary>Any resource, <c>*</c> included: the action takes no resource ARN.</summary>
    Any,

    /// <summary>Named resources: a resource of the template or an ARN naming at least the start of a name.</summary>
    Named,

    /// <summary>SSM parameters under a path of at least two levels, <c>/&lt;application&gt;/&lt;environment&gt;/...</c>.</summary>
    ParameterPath,
}

/// <summary>One kind of grant a role may hold: actions (IAM patterns allowed), where, and a condition key it must carry.</summary>
public sealed record AllowedGrant(IReadOnlyList<string> Actions, ResourceRequirement Resources, string? RequiredConditionKey = null);

/// <summary>
/// The roles ECS tasks run with and everything granted to them: inline policies, standalone policies that name
/// the role (<c>Roles</c>, <c>RoleName</c>) and managed policies it lists. Used by IAM-03 (execution role) and
/// IAM-04 (task role), which judge those grants against an allow-list.
/// </summary>
public static class TaskRoles
{
    public const string TaskDefinitionType = "AWS::ECS::TaskDefinition";

    /// <summary>The template's roles a task definition property (<c>ExecutionRoleArn</c>, <c>TaskRoleArn</c>) refers to.</summary>
    public static IReadOnlyList<ResourceContext> RolesOf(TemplateContext template, string property)
    {
        var roles = new List<ResourceContext>();
        foreach (var definition in template.OfType(TaskDefinitionType))
        {
            foreach (var value in definition.Get(property))
            {
                if (definition.Follow(value) is { Type: Policies.RoleType } role && !roles.Contains(role))
                {
                    roles.Add(role);
                }
            }
        }

        return roles;
    }

    /// <summary>
    /// The standalone policies of a template by the roles they are granted to (<c>Roles</c>, <c>RoleName</c>, or the
    /// role's <c>ManagedPolicyArns</c>), built in one pass so judging many roles stays linear.
    /// </summary>
    public static IReadOnlyDictionary<string, List<ResourceContext>> AttachedPolicies(TemplateContext template)
    {
        var roleByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var attached = new Dictionary<string, List<ResourceContext>>(StringComparer.Ordinal);
        foreach (var role in template.OfType(Policies.RoleType))
        {
            if (role.GetOne("RoleName").AsString() is { } name)
            {
                roleByName.TryAdd(name, role.LogicalId);
            }

            foreach (var managed in role.Get("ManagedPolicyArns[*]"))
            {
                if (template.Follow(managed) is { Type: Policies.ManagedPolicyType } policy)
                {
                    Add(role.LogicalId, policy);
                }
            }
        }

        foreach (var (type, path) in new[] { (Policies.PolicyType, "Roles[*]"), (Policies.ManagedPolicyType, "Roles[*]"), (Policies.RolePolicyType, "RoleName") })
        {
            foreach (var policy in template.OfType(type))
            {
                foreach (var value in policy.Get(path))
                {
                    var roleId = value.ReferencedLogicalId ?? (value.AsString() is { } name ? roleByName.GetValueOrDefault(name) : null);
                    if (roleId is not null)
                    {
                        Add(roleId, policy);
                    }
                }
            }
        }

        return attached;

        void Add(string roleId, ResourceContext policy)
        {
            if (!attached.TryGetValue(roleId, out var list))
            {
                attached[roleId] = list = [];
            }

            if (!list.Contains(policy))
            {
                list.Add(policy);
            }
        }
    }

    /// <summary>Every identity policy document granted to a role: its inline policies, then the attached ones.</summary>
    public static IEnumerable<PolicyDocument> DocumentsOf(ResourceContext role, IReadOnlyDictionary<string, List<ResourceContext>> attached) =>
        new[] { role }.Concat(attached.GetValueOrDefault(role.LogicalId) ?? [])
            .SelectMany(resource => Policies.Documents(resource).Where(d => d.Kind == PolicyKind.Identity));

    /// <summary>The role's <c>ManagedPolicyArns</c> that are not policies of the template (AWS managed, or elsewhere).</summary>
    public static IEnumerable<Resolved> OutsideManagedPolicies(ResourceContext role) =>
        role.Get("ManagedPolicyArns[*]").Where(a => a.Kind != ValueKind.ResourceReference);

    /// <summary>The name of an AWS managed policy ARN (<c>arn:aws:iam::aws:policy/service-role/X</c> gives X), else null.</summary>
    public static string? AwsManagedPolicyName(Resolved arn)
    {
        var text = Arns.Text(arn);
        const string Marker = ":iam::aws:policy/";
        var at = text?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : text![(at + Marker.Length)..].Split('/')[^1];
    }

    /// <summary>
    /// Judges every Allow statement granted to a role against its allow-list: an action outside it, a resource
    /// broader than it allows, or a missing required condition is a violation at the value at fault.
    /// </summary>
    public static IEnumerable<Violation> Judge(PolicyStatement statement, IReadOnlyList<AllowedGrant> allowed, string roleDescription)
    {
        var owner = statement.Owner;
        if (!statement.MayAllow)
        {
            yield break;
        }

        if (statement.HasNotAction)
        {
            foreach (var notAction in statement.NotActionProperty.Where(v => !v.IsAbsent))
            {
                yield return owner.Fail(notAction, $"{roleDescription} is granted every action except those in NotAction", "NotAction");
            }

            yield break;
        }

        foreach (var action in statement.Actions)
        {
            var text = Actions.Text(action);
            if (text is null)
            {
                yield return owner.Unprovable(action, $"{roleDescription} is granted an action that cannot be resolved ({Arns.Describe(action)})");
                continue;
            }

            var grant = allowed.FirstOrDefault(g => Actions.IsOneOf(text, g.Actions));
            if (grant is null)
            {
                yield return owner.Fail(action, $"{roleDescription} is granted {text}, which is not one of the grants it may hold", text);
                continue;
            }

            foreach (var violation in JudgeResources(statement, action, text, grant, roleDescription))
            {
                yield return violation;
            }

            if (grant.RequiredConditionKey is { } key && !statement.ConditionBlocks.Any(block => statement.Clauses(block).Any(c => c.IsKey(key) && c.Values.All(v => v.AsString() != "*"))))
            {
                var block = statement.ConditionBlocks.First();
                yield return owner.Fail(block.IsAbsent ? action : block, $"{roleDescription} is granted {text} without a {key} condition", text);
            }
        }
    }

    private static IEnumerable<Violation> JudgeResources(PolicyStatement statement, Resolved action, string text, AllowedGrant grant, string roleDescription)
    {
        if (grant.Resources == ResourceRequirement.Any)
        {
            yield break;
        }

        var owner = statement.Owner;
        foreach (var target in statement.Resources)
        {
            if (action.Guard.And(target.Guard) is not { } guard)
            {
                continue;
            }

            var scope = statement.HasNotResource ? ResourceScope.All : Arns.Scope(target);
            if (scope == ResourceScope.Unknown)
            {
                yield return owner.Unprovable(target, $"{roleDescription} is granted {text} on a resource that cannot be resolved ({Arns.Describe(target)})", text) with { Guard = guard };
            }
            else if (scope == ResourceScope.All)
            {
                yield return owner.Fail(target, $"{roleDescription} is granted {text} on every resource ({Arns.Describe(target)}): name the resources", text) with { Guard = guard, Proven = true };
            }
            else if (grant.Resources == ResourceRequirement.ParameterPath && !UnderApplicationPath(target))
            {
                yield return owner.Fail(target, $"{roleDescription} is granted {text} on {Arns.Describe(target)}, which is not under a /<application>/<environment>/ path", text) with { Guard = guard, Proven = true };
            }
        }
    }

    /// <summary>A parameter of the template, or a parameter ARN whose name has at least two literal levels.</summary>
    private static bool UnderApplicationPath(Resolved target)
    {
        if (target.Kind == ValueKind.ResourceReference)
        {
            return true;
        }

        var text = Arns.Text(target);
        if (text is null || Arns.Service(text) is not { } service || !service.Equals("ssm", StringComparison.OrdinalIgnoreCase))
        {
            // Not an SSM ARN (a template resource's ARN built with Fn::Join, for instance): judged by scope alone.
            return text is not null && !text.StartsWith("arn:", StringComparison.Ordinal);
        }

        return Arns.NamePart(text) is { } name && Arns.LiteralPathDepth(name) >= 2;
    }
}
