namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-04: every <c>AWS::SecretsManager::Secret</c> has a <c>Name</c> of the form
/// <c>/&lt;environment&gt;/&lt;application&gt;/&lt;component&gt;/&lt;secret-type&gt;</c>, as
/// <see cref="HierarchicalNames"/> defines it (<c>/prod/webapp/database/credentials</c>). A secret without a name
/// gets one CloudFormation makes up, which no path-based policy can match.
/// </summary>
public sealed class SecretNamesFollowConventionRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "SEC-04",
        "Secret names follow /<environment>/<application>/<component>/<secret-type>",
        Severity.Low,
        SeedSection.Secrets,
        [],
        new Remediation(
            CloudFormation: "Set Name: !Sub \"/${Environment}/webapp/database/credentials\" (lower-case letters, digits and hyphens; the environment first: prod, staging, dev, ...).",
            Cdk: "new secretsmanager.Secret(..., {secretName: `/${env}/${app}/database/credentials`}) (or rds.Credentials.fromGeneratedSecret(user, {secretName: ...}))."))
    {
        SeedText = "Secrets Manager: Pattern: /<environment>/<application>/<component>/<secret-type>; Examples: /prod/webapp/database/credentials, /prod/webapp/external/payment-api-key.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [SecretLinks.SecretType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        Names.Judge(resource, environmentLevel: 0, "/<environment>/<application>/<component>/<secret-type>", "secret");
}
