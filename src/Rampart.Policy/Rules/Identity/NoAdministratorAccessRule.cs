using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-01: no identity policy allows every action (<c>*</c>, or <c>NotAction</c>) on every resource (<c>*</c>, or
/// <c>NotResource</c>). Resource policies are left to IAM-02/IAM-08/IAM-09: there <c>Resource: *</c> often means
/// "this key" or "this secret".
/// </summary>
public sealed class NoAdministratorAccessRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "IAM-01",
        "No policy grants every action on every resource",
        Severity.Critical,
        SeedSection.Identity,
        [FrameworkReference.Fsbp("IAM.1"), FrameworkReference.Config("iam-policy-no-statements-with-admin-access")],
        new Remediation(
            CloudFormation: "Replace \"Action\": \"*\" (or NotAction) with the actions the role needs, and \"Resource\": \"*\" with the ARNs it uses (Fn::GetAtt Bucket.Arn, Ref Secret, ...).",
            Cdk: "Drop ManagedPolicy.fromAwsManagedPolicyName(\"AdministratorAccess\") and PolicyStatement({actions: [\"*\"], resources: [\"*\"]}); use the resources' grant methods (bucket.grantRead(role), secret.grantRead(role)) instead."))
    {
        SeedText = "All IAM roles and policies must follow the principle of least privilege.",
    };

    public IReadOnlyList<string> ResourceTypes => Policies.IdentityPolicyTypes;

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var statement in Policies.Statements(resource, PolicyKind.Identity))
        {
            if (!statement.MayAllow)
            {
                continue;
            }

            var everyAction = statement.HasNotAction
                ? statement.NotActionProperty.Where(v => !v.IsAbsent).ToList()
                : statement.Actions.Where(a => a.AsString() == "*" || Actions.IsUnresolved(a)).ToList();
            var everyResource = statement.HasNotResource
                ? statement.Resources.ToList()
                : statement.Resources.Where(r => Arns.Scope(r) != ResourceScope.Named).ToList();

            // One finding per statement: at the first action that grants everything, under each consistent guard.
            var reported = new HashSet<Guard>();
            foreach (var action in everyAction)
            {
                foreach (var target in everyResource)
                {
                    if (action.Guard.And(target.Guard) is not { } guard || !reported.Add(guard))
                    {
                        continue;
                    }

                    var what = statement.HasNotAction ? "every action but those in NotAction" : "every action (\"*\")";
                    var where = statement.HasNotResource ? "every resource but those in NotResource" : "every resource (\"*\")";
                    var unknown = action.IsUnknown ? action : Arns.Scope(target) == ResourceScope.Unknown ? target : null;
                    var message = unknown is null
                        ? $"allows {what} on {where}: this is administrator access"
                        : $"may allow every action on every resource: {(unknown == action ? "an action" : "a resource")} cannot be resolved ({Arns.Describe(unknown)})";
                    yield return resource.Fail(action, message) with { Guard = guard, Proven = unknown is null };
                }
            }
        }
    }
}
