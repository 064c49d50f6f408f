namespace Rampart.Policy.Model;

/// <summary>
/// A parsed CloudFormation template: the tree as written plus an index of its sections.
/// Built by the loaders; the engine never reads files.
/// </summary>
public sealed class Template
{
    private static readonly MappingNode EmptyMapping = MakeEmptyMapping();

    private readonly Dictionary<string, List<Resource>> _resourcesByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _resourcesById;

    public Template(string path, MappingNode root)
    {
        Path = path;
        Root = root;
        Parameters = root["Parameters"]?.AsMapping() ?? EmptyMapping;
        Mappings = root["Mappings"]?.AsMapping() ?? EmptyMapping;
        Conditions = root["Conditions"]?.AsMapping() ?? EmptyMapping;
        Outputs = root["Outputs"]?.AsMapping() ?? EmptyMapping;

        var resourceSection = root["Resources"]?.AsMapping() ?? EmptyMapping;
        var resources = new List<Resource>(resourceSection.Count);
        _resourcesById = new Dictionary<string, Resource>(resourceSection.Count, StringComparer.Ordinal);
        var document = resourceSection.Document;
        foreach (ref readonly var entry in resourceSection.EntrySpan)
        {
            if (resourceSection.ValueOf(entry).AsMapping() is not { } body)
            {
                continue;
            }

            var resource = new Resource(this, entry.Key, body, new SourceLocation(document.File, entry.KeyLine, entry.KeyColumn), resources.Count);
            resources.Add(resource);
            _resourcesById[entry.Key] = resource;
            if (!_resourcesByType.TryGetValue(resource.Type, out var ofType))
            {
                _resourcesByType[resource.Type] = ofType = [];
            }

            ofType.Add(resource);
        }

        Resources = resources;
    }

    /// <summary>The file (or cloud assembly artifact) the template came from, as the user named it.</summary>
    public string Path { get; }

    /// <summary>The whole document.</summary>
    public MappingNode Root { get; }

    public MappingNode Parameters { get; }

    public MappingNode Mappings { get; }

    public MappingNode Conditions { get; }

    public MappingNode Outputs { get; }

    /// <summary>Resources in the order written.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The resources of one CloudFormation type, such as <c>AWS::EC2::SecurityGroup</c>.</summary>
    public IReadOnlyList<Resource> ResourcesOfType(string type) =>
        _resourcesByType.TryGetValue(type, out var list) ? list : [];

    public Resource? FindResource(string logicalId) =>
        _resourcesById.TryGetValue(logicalId, out var resource) ? resource : null;

    /// <summary>The resources by type, as indexed when the template was built (for indexes of the engine's own).</summary>
    internal Dictionary<string, List<Resource>>.Enumerator TypeIndex() => _resourcesByType.GetEnumerator();

    private static MappingNode MakeEmptyMapping()
    {
        var document = new TemplateDocument(string.Empty, 1, 0);
        return document.Node(document.AddMapping([], 0, 0)).AsMapping()!.Value;
    }
}

/// <summary>One entry of a template's <c>Resources</c> section.</summary>
public sealed class Resource
{
    internal Resource(Template template, string logicalId, MappingNode body, SourceLocation location, int index)
    {
        Template = template;
        LogicalId = logicalId;
        Body = body;
        Location = location;
        Index = index;

        // The sections every scan reads, taken in one pass over the body while it is in cache: looked up one by one
        // later, each lookup fetched the body from memory again (the engine reads Condition and Metadata of every
        // resource before and beside the rules, on one thread).
        foreach (ref readonly var entry in body.EntrySpan)
        {
            switch (entry.Key)
            {
                case "Type" when Type is null:
                    Type = body.ValueOf(entry).AsScalar()?.Text ?? string.Empty;
                    break;
                case "Properties" when Properties is null:
                    Properties = body.ValueOf(entry).AsMapping();
                    break;
                case "Metadata" when Metadata is null:
                    Metadata = body.ValueOf(entry).AsMapping();
                    break;
                case "Condition" when Condition is null:
                    Condition = body.ValueOf(entry).AsScalar()?.Text;
                    break;
            }
        }

        Type ??= string.Empty;
    }

    public Template Template { get; }

    public string LogicalId { get; }

    public string Type { get; }

    /// <summary>The resource's whole mapping (Type, Properties, Metadata, Condition, DependsOn, ...).</summary>
    public MappingNode Body { get; }

    public MappingNode? Properties { get; }

    public MappingNode? Metadata { get; }

    /// <summary>The name of the condition the resource is created under, if any.</summary>
    public string? Condition { get; }

    /// <summary>Where the resource's logical ID is written.</summary>
    public SourceLocation Location { get; }

    /// <summary>The resource's place in <see cref="Model.Template.Resources"/>.</summary>
    internal int Index { get; }
}

/// <summary>
/// The templates judged together: one cloud assembly (nested assemblies included) or one scan's loose files.
/// Rules about what a deployment must contain (a trail, Config, endpoints) look at all of them.
/// </summary>
public sealed class Deployment(string name, IReadOnlyList<Template> templates)
{
    /// <summary>What the user would call it: the cloud assembly's folder, or "scan" for loose files.</summary>
    public string Name { get; } = name;

    public IReadOnlyList<Template> Templates { get; } = templates;
}
