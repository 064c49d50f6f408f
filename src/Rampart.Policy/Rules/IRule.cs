namespace Rampart.Policy.Rules;

/// <summary>A check of one control. Rules come in two shapes: per resource, or per template/deployment.</summary>
public interface IRule
{
    RuleMetadata Metadata { get; }
}

/// <summary>
/// A rule that judges resources one at a time. The engine indexes resources by type, so a resource only
/// meets the rules that declared its type.
/// </summary>
public interface IResourceRule : IRule
{
    /// <summary>The CloudFormation types this rule reads, e.g. <c>AWS::EC2::SecurityGroup</c>.</summary>
    IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>The violations of one resource; none means it passes.</summary>
    IEnumerable<Violation> Evaluate(ResourceContext resource);
}

/// <summary>A rule that needs a whole template (tiers, routes, cross-resource wiring).</summary>
public interface ITemplateRule : IRule
{
    /// <summary>Null when the rule does not apply to this template (nothing it protects); otherwise its violations.</summary>
    IEnumerable<Violation>? Evaluate(TemplateContext template);
}

/// <summary>
/// A rule about what a deployment must contain (a trail, Config, endpoints): it sees every template of one
/// cloud assembly or one scan together.
/// </summary>
public interface IDeploymentRule : IRule
{
    /// <summary>Null when the deployment has no workload this rule protects; otherwise its violations.</summary>
    IEnumerable<Violation>? Evaluate(DeploymentContext deployment);
}
