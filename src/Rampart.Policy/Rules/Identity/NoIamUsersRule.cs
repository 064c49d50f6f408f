namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-07: templates create no IAM users, access keys or console passwords, and attach no policy to a user:
/// people come in through federation (IAM Identity Center, SAML, OIDC) with MFA, workloads through roles.
/// </summary>
public sealed class NoIamUsersRule : IResourceRule
{
    private const string AccessKeyType = "AWS::IAM::AccessKey";
    private const string UserToGroupAdditionType = "AWS::IAM::UserToGroupAddition";

    public RuleMetadata Metadata { get; } = new(
        "IAM-07",
        "No IAM users, access keys or console logins: humans come through federation with MFA",
        Severity.High,
        SeedSection.Identity,
        [FrameworkReference.Fsbp("IAM.2"), FrameworkReference.Fsbp("IAM.4"), FrameworkReference.Config("iam-user-no-policies-check")],
        new Remediation(
            CloudFormation: "Remove AWS::IAM::User, AWS::IAM::AccessKey, LoginProfile and user policy attachments; give people access through IAM Identity Center permission sets or a role trusting your identity provider (with MFA), and workloads through roles.",
            Cdk: "Replace new iam.User(...)/new iam.AccessKey(...) with a Role assumed through federation (new iam.Role(..., {assumedBy: new iam.FederatedPrincipal(...)})) or an Identity Center permission set."))
    {
        SeedText = "Identity Layer: IAM Roles & Policies; Multi-Factor Authentication; Role-Based Access Control.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } =
        [Policies.UserType, AccessKeyType, Policies.UserPolicyType, UserToGroupAdditionType, Policies.PolicyType, Policies.ManagedPolicyType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        switch (resource.Type)
        {
            case Policies.UserType:
                yield return resource.Fail("defines an IAM user: its long-lived credentials bypass federation and MFA; use a role", "user");
                foreach (var login in resource.Get("LoginProfile").Where(l => !l.IsAbsent))
                {
                    yield return resource.Fail(login, "gives the IAM user a console password (LoginProfile): people sign in through federation with MFA", "LoginProfile");
                }

                break;
            case AccessKeyType:
                yield return resource.Fail("creates a long-lived access key: workloads use roles, people use federation", "access-key");
                break;
            case Policies.UserPolicyType:
                foreach (var user in resource.Get("UserName"))
                {
                    yield return resource.Fail(user, "attaches a policy to an IAM user: grant through roles", "user-policy");
                }

                break;
            case UserToGroupAdditionType:
                foreach (var user in resource.Get("Users[*]"))
                {
                    yield return resource.Fail(user, $"adds the IAM user {Who(user)} to a group: people come in through federation", "user-group");
                }

                break;
            default:
                foreach (var user in resource.Get("Users[*]"))
                {
                    yield return resource.Fail(user, $"attaches the policy to the IAM user {Who(user)}: grant through roles", "user-policy") with { Proven = true };
                }

                break;
        }
    }

    private static string Who(Resolution.Resolved user) =>
        user.ReferencedLogicalId ?? user.AsString() ?? $"whose name cannot be resolved ({Arns.Describe(user)})";
}
