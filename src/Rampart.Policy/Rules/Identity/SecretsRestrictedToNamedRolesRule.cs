using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Secrets;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-08: every <c>AWS::SecretsManager::Secret</c> has an <c>AWS::SecretsManager::ResourcePolicy</c> (its
/// <c>SecretId</c> refers to the secret: a <c>Ref</c> to it or to its <c>SecretTargetAttachment</c>, its name or
/// its ARN) with the accepted shape:
/// <code>
/// Effect: Deny
/// Principal: "*"                     (or AWS: "*")
/// Action: secretsmanager:*           (or "*", or any list granting secretsmanager:GetSecretValue)
/// Resource: "*"
/// Condition:
///   ArnNotEquals:                    (or ArnNotLike, StringNotEquals, StringNotLike; IfExists allowed)
///     aws:PrincipalArn: [the roles that need the secret, named]
/// </code>
/// The exception list must name roles (no <c>*</c> in the name part), and the statement may carry no other
/// condition than <c>aws:PrincipalArn</c> / <c>aws:PrincipalServiceName</c> exclusions: any other key would
/// narrow when the Deny applies. <c>NotPrincipal</c> is not accepted (AWS advises against it with Deny).
/// </summary>
public sealed class SecretsRestrictedToNamedRolesRule : ITemplateRule
{
    public const string SecretType = "AWS::SecretsManager::Secret";

    private static readonly string[] NegatedOperators = ["ArnNotEquals", "ArnNotLike", "StringNotEquals", "StringNotLike"];
    private static readonly string[] ExclusionKeys = ["aws:PrincipalArn", "aws:PrincipalServiceName"];

    public RuleMetadata Metadata { get; } = new(
        "IAM-08",
        "Secrets carry a resource policy that denies everyone but the roles that need them",
        Severity.Medium,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Add an AWS::SecretsManager::ResourcePolicy with SecretId: !Ref Secret and a statement {Effect: Deny, Principal: \"*\", Action: \"secretsmanager:*\", Resource: \"*\", Condition: {ArnNotEquals: {\"aws:PrincipalArn\": [!GetAtt ExecutionRole.Arn, ...]}}}.",
            Cdk: "secret.addToResourcePolicy(new PolicyStatement({effect: Effect.DENY, principals: [new AnyPrincipal()], actions: [\"secretsmanager:*\"], resources: [\"*\"], conditions: {ArnNotEquals: {\"aws:PrincipalArn\": [executionRole.roleArn]}}}))."))
    {
        SeedText = "Secrets Manager: Resource policies restricting access to specific roles.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var secrets = template.OfType(SecretType).ToList();
        if (secrets.Count == 0)
        {
            return null;
        }

        // Policies by the secret they govern, in one pass: SecretId is a Ref to the secret or to its target
        // attachment (whose Ref is the secret's ARN: the CDK writes that for a database's attached secret), or
        // the secret's literal name or ARN.
        var policiesBySecret = new Dictionary<string, List<ResourceContext>>(StringComparer.Ordinal);
        foreach (var policy in template.OfType(Policies.SecretResourcePolicyType))
        {
            foreach (var secretId in policy.Get("SecretId").SelectMany(id => SecretLinks.Designated(template, id)).Select(s => s.LogicalId))
            {
                if (!policiesBySecret.TryGetValue(secretId, out var list))
                {
                    policiesBySecret[secretId] = list = [];
                }

                if (!list.Contains(policy))
                {
                    list.Add(policy);
                }
            }
        }

        return secrets.SelectMany(secret => Judge(secret, policiesBySecret.GetValueOrDefault(secret.LogicalId) ?? [])).ToList();
    }

    private static IEnumerable<Violation> Judge(ResourceContext secret, List<ResourceContext> policies)
    {
        if (policies.Count == 0)
        {
            yield return secret.Fail("has no AWS::SecretsManager::ResourcePolicy: any principal of the account whose IAM policy allows it can read the secret", "no-policy");
            yield break;
        }

        var proven = new List<Guard>();
        var unproven = new List<Guard>();
        foreach (var statement in policies.SelectMany(p => Policies.Statements(p, PolicyKind.Resource)))
        {
            var verdict = JudgeStatement(statement);
            if (verdict is not null && statement.Value.Guard.And(statement.Owner.Guard) is { } guard)
            {
                (verdict.Value ? proven : unproven).Add(guard);
            }
        }

        if (proven.Any(g => g.IsAlways))
        {
            yield break;
        }

        var at = policies[0].Get("ResourcePolicy").First();
        if (unproven.Any(g => g.IsAlways))
        {
            yield return policies[0].Unprovable(at, "denies everyone but principals whose ARNs cannot be resolved: check they name the roles that need the secret");
            yield break;
        }

        const string Shape = "does not deny everyone but named roles (Effect Deny, Principal \"*\", Action secretsmanager:*, Condition ArnNotEquals aws:PrincipalArn [roles])";
        var conditional = proven.Concat(unproven).ToList();
        if (conditional.Count == 1 && conditional[0].Literals.Count == 1)
        {
            // The restriction holds under one condition only: the secret is open when that condition is the other way.
            var (name, value) = conditional[0].Literals.First();
            if (secret.Guard.And(name, !value) is { } open)
            {
                yield return secret.Fail($"is restricted to named roles only when {name} is {(value ? "true" : "false")}: otherwise no resource policy denies other principals", "conditional") with { Guard = open };
            }

            yield break;
        }

        yield return policies[0].Fail(at, conditional.Count == 0 ? Shape : $"{Shape} under every condition") with { Proven = true, Guard = Guard.Always };
    }

    /// <summary>True when the statement has the accepted shape, false when it would if its unresolved principal ARNs named roles, null otherwise.</summary>
    private static bool? JudgeStatement(PolicyStatement statement)
    {
        if (!statement.IsDeny || statement.HasNotPrincipal || !statement.Principals().Any(p => p.IsEveryone))
        {
            return null;
        }

        if (statement.HasNotAction || !statement.Actions.Any(a => Actions.Text(a) is { } text && Actions.GrantsAny(text, ["secretsmanager:GetSecretValue"])))
        {
            return null;
        }

        var blocks = statement.ConditionBlocks.ToList();
        if (blocks.Count != 1 || blocks[0].Kind != ValueKind.Mapping)
        {
            return null;
        }

        var clauses = statement.Clauses(blocks[0]).ToList();
        var exclusions = clauses.Where(c => NegatedOperators.Contains(c.BaseOperator) && c.IsAnyKey(ExclusionKeys)).ToList();
        if (clauses.Count != exclusions.Count || !exclusions.Any(c => c.IsKey("aws:PrincipalArn")))
        {
            return null;
        }

        var principalArns = exclusions.Where(c => c.IsKey("aws:PrincipalArn")).SelectMany(c => c.Values).ToList();
        if (principalArns.Count == 0 || principalArns.Any(v => Arns.Scope(v) == ResourceScope.All))
        {
            return null;
        }

        return principalArns.All(v => Arns.Scope(v) == ResourceScope.Named);
    }
}
