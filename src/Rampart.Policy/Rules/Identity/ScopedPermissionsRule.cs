using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-02: no Allow statement grants a service-wide wildcard action (<c>*</c>, <c>s3:*</c>) or lists what it does
/// not grant (<c>NotAction</c>); identity policies grant on <c>Resource: *</c> (or an ARN whose name is a wildcard)
/// only the actions that take no resource ARN (<see cref="Actions.WithoutResourceLevelPermissions"/>).
/// Wildcard actions are judged in resource policies too; KMS key policies are IAM-09's (there <c>kms:*</c> on
/// <c>*</c> is the default statement) and trust policies IAM-06's.
/// </summary>
public sealed class ScopedPermissionsRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "IAM-02",
        "No service-wide wildcard actions, and Resource \"*\" only for actions that take no resource",
        Severity.High,
        SeedSection.Identity,
        [FrameworkReference.Fsbp("IAM.21"), FrameworkReference.Config("iam-policy-no-statements-with-full-access")],
        new Remediation(
            CloudFormation: "List the actions the principal calls instead of \"service:*\" or NotAction, and replace \"Resource\": \"*\" with the ARNs of the resources it uses (Fn::GetAtt Queue.Arn, Fn::Sub \"${Bucket.Arn}/*\"); keep \"*\" only for actions such as ecr:GetAuthorizationToken that take no resource.",
            Cdk: "Use the resources' grant methods (queue.grantSendMessages(role), bucket.grantRead(role)), which list actions and ARNs; in a hand-written PolicyStatement give explicit actions and resources: [resource.arn] instead of [\"*\"]."))
    {
        SeedText = "All IAM roles and policies must follow the principle of least privilege ... Limited to specific resource ARNs.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } =
        [.. Policies.IdentityPolicyTypes, .. Policies.ResourcePolicyTypes.Where(t => t is not (Policies.KmsKeyType or Policies.KmsReplicaKeyType))];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var statement in Policies.Statements(resource, PolicyKind.Identity, PolicyKind.Resource))
        {
            if (!statement.MayAllow)
            {
                continue;
            }

            if (statement.HasNotAction)
            {
                foreach (var notAction in statement.NotActionProperty.Where(v => !v.IsAbsent))
                {
                    yield return resource.Fail(notAction, "allows every action except those in NotAction: list the actions granted instead", "NotAction");
                }

                continue;
            }

            var scoped = new List<(Resolved Action, string Text)>();
            foreach (var action in statement.Actions)
            {
                var text = Actions.Text(action);
                if (text is null)
                {
                    yield return resource.Unprovable(action, $"grants an action that cannot be resolved ({Arns.Describe(action)}): it could be a service-wide wildcard");
                }
                else if (Actions.IsServiceWide(text))
                {
                    yield return resource.Fail(action, $"grants \"{text}\": every action of {(text == "*" ? "every service" : "the service")}; list the actions needed", text);
                }
                else
                {
                    scoped.Add((action, text));
                }
            }

            if (statement.Kind == PolicyKind.Identity && !statement.Document.ResourceStarMeansSelf)
            {
                foreach (var violation in UnscopedResources(resource, statement, scoped))
                {
                    yield return violation;
                }
            }
        }
    }

    private static IEnumerable<Violation> UnscopedResources(ResourceContext resource, PolicyStatement statement, List<(Resolved Action, string Text)> actions)
    {
        var needResources = actions.Where(a => !Actions.TakesNoResource(a.Text)).ToList();
        if (needResources.Count == 0)
        {
            yield break;
        }

        foreach (var target in statement.Resources)
        {
            var scope = statement.HasNotResource ? ResourceScope.All : Arns.Scope(target);
            if (scope == ResourceScope.Named)
            {
                continue;
            }

            if (scope == ResourceScope.Unknown)
            {
                yield return resource.Unprovable(target, $"grants {string.Join(", ", needResources.Select(a => a.Text).Distinct())} on a resource that cannot be resolved ({Arns.Describe(target)}): it could be \"*\"");
                continue;
            }

            var what = statement.HasNotResource ? "every resource but those in NotResource" : $"every resource ({Arns.Describe(target)})";
            foreach (var (action, text) in needResources)
            {
                if (action.Guard.And(target.Guard) is { } guard)
                {
                    yield return resource.Fail(target, $"grants {text} on {what}, but {text} can be limited to named resources: list their ARNs", text) with { Guard = guard, Proven = true };
                }
            }
        }
    }
}
