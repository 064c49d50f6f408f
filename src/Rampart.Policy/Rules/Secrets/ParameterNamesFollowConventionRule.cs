namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-05: every <c>AWS::SSM::Parameter</c> has a <c>Name</c> of the form
/// <c>/&lt;application&gt;/&lt;environment&gt;/&lt;component&gt;/&lt;parameter&gt;</c>, as
/// <see cref="HierarchicalNames"/> defines it (<c>/webapp/prod/app/max-connections</c>), so the task role's
/// path-based grant (IAM-04) covers exactly one application and environment.
/// </summary>
public sealed class ParameterNamesFollowConventionRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "SEC-05",
        "Parameter names follow /<application>/<environment>/<component>/<parameter>",
        Severity.Low,
        SeedSection.Secrets,
        [],
        new Remediation(
            CloudFormation: "Set Name: !Sub \"/webapp/${Environment}/app/max-connections\" (lower-case letters, digits and hyphens; the environment second: prod, staging, dev, ...).",
            Cdk: "new ssm.StringParameter(..., {parameterName: `/${app}/${env}/app/max-connections`})."))
    {
        SeedText = "SSM Parameter Store: Pattern: /<application>/<environment>/<component>/<parameter>; Examples: /webapp/prod/app/max-connections, /webapp/prod/features/new-checkout-enabled.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::SSM::Parameter"];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        Names.Judge(resource, environmentLevel: 1, "/<application>/<environment>/<component>/<parameter>", "parameter");
}
