using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules;

/// <summary>A whole template as a rule sees it: its resources by type, with references navigable.</summary>
public sealed class TemplateContext
{
    // The template already indexes its resources by logical ID and type: a context is found through them by the
    // resource's place (a second pair of dictionaries hashed every logical ID again, on the scan's one thread).
    private readonly ResourceContext?[] _byIndex;
    private readonly Dictionary<string, ResourceContext[]> _byType = new(StringComparer.Ordinal);
    private readonly List<ResourceContext> _resources;

    public TemplateContext(Template template)
    {
        Template = template;
        Resolver = new Resolver(template);
        _byIndex = new ResourceContext?[template.Resources.Count];
        _resources = new List<ResourceContext>(template.Resources.Count);
        foreach (var resource in template.Resources)
        {
            // A resource whose condition is false whatever the deployment is never created: no rule sees it.
            if (resource.Condition is { } condition && Resolver.ConstantCondition(condition) == false)
            {
                continue;
            }

            var context = new ResourceContext(this, resource);
            _byIndex[resource.Index] = context;
            _resources.Add(context);
        }

        var types = template.TypeIndex();
        while (types.MoveNext())
        {
            var (type, resources) = types.Current;
            var ofType = new ResourceContext[resources.Count];
            var count = 0;
            foreach (var resource in resources)
            {
                if (_byIndex[resource.Index] is { } context)
                {
                    ofType[count++] = context;
                }
            }

            if (count > 0)
            {
                _byType[type] = count == ofType.Length ? ofType : ofType[..count];
            }
        }
    }

    public Template Template { get; }

    public Resolver Resolver { get; }

    /// <summary>The resources that can exist, in the order written.</summary>
    public IReadOnlyList<ResourceContext> Resources => _resources;

    /// <summary>The resources of one type that can exist, in the order written (indexed once: rules ask for them in loops).</summary>
    public IReadOnlyList<ResourceContext> OfType(string type) => _byType.TryGetValue(type, out var ofType) ? ofType : [];

    public ResourceContext? Find(string logicalId) => Template.FindResource(logicalId) is { } resource ? _byIndex[resource.Index] : null;

    /// <summary>The resource a <c>Ref</c> / <c>Fn::GetAtt</c> value points to, or null.</summary>
    public ResourceContext? Follow(Resolved reference) =>
        reference.Kind == ValueKind.ResourceReference ? Find(reference.ReferencedLogicalId!) : null;

    /// <summary>A violation for something the template lacks, reported at the template's start.</summary>
    public Violation Fail(string message, string? key = null) => new()
    {
        Template = Template,
        Location = new SourceLocation(Template.Path, Template.Root.Location.Line, Template.Root.Location.Column),
        Message = message,
        Key = key,
    };
}

/// <summary>Every template of one deployment (a cloud assembly, or one scan's loose files).</summary>
public sealed class DeploymentContext
{
    public DeploymentContext(Deployment deployment, IReadOnlyList<TemplateContext> templates)
    {
        Deployment = deployment;
        Templates = templates;
    }

    public Deployment Deployment { get; }

    public IReadOnlyList<TemplateContext> Templates { get; }

    public IEnumerable<ResourceContext> OfType(string type) => Templates.SelectMany(t => t.OfType(type));

    /// <summary>True when any template has a resource of one of the types.</summary>
    public bool Has(params string[] types) => types.Any(type => Templates.Any(t => t.OfType(type).Any()));

    /// <summary>
    /// A violation for something the whole deployment lacks, reported at the start of the first template
    /// that holds one of <paramref name="workloadTypes"/> (the workload the missing control should protect).
    /// </summary>
    public Violation Fail(string message, IReadOnlyList<string> workloadTypes, string? key = null)
    {
        var template = Templates.FirstOrDefault(t => workloadTypes.Any(type => t.Template.ResourcesOfType(type).Count > 0)) ?? Templates[0];
        return template.Fail(message, key);
    }
}
