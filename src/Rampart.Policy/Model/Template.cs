namespace Rampart.Policy.Model;

/// <summary>
/// A parsed CloudFormation template: the tree as written plus an index of its sections.
/// Built by the loaders; the engine never reads files.
/// </summary>
public sealed class Template
{
    private static readonly MappingNode EmptyMapping = new([], default);

    private readonly Dictionary<string, List<Resource>> _resourcesByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _resourcesById = new(StringComparer.Ordinal);

    public Template(string path, MappingNode root)
    {
        Path = path;
        Root = root;
        Parameters = root["Parameters"] as MappingNode ?? EmptyMapping;
        Mappings = root["Mappings"] as MappingNode ?? EmptyMapping;
        Conditions = root["Conditions"] as MappingNode ?? EmptyMapping;
        Outputs = root["Outputs"] as MappingNode ?? EmptyMapping;

        var resources = new List<Resource>();
        if (root["Resources"] is MappingNode resourceSection)
        {
            foreach (var entry in resourceSection.Entries)
            {
                if (entry.Value is not MappingNode body)
                {
                    continue;
                }

                var type = (body["Type"] as ScalarNode)?.Text ?? string.Empty;
                var resource = new Resource(this, entry.Key, type, body, entry.KeyLocation);
                resources.Add(resource);
                _resourcesById[entry.Key] = resource;
                if (!_resourcesByType.TryGetValue(type, out var ofType))
                {
                    _resourcesByType[type] = ofType = [];
                }

                ofType.Add(resource);
            }
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
}

/// <summary>One entry of a template's <c>Resources</c> section.</summary>
public sealed class Resource
{
    // Properties, Metadata and Condition are looked up on first use: a template is built with only each body's Type,
    // and the rest of a body is not fetched from memory until a rule asks for it (5,000 resources: ~1 ms of loading).
    // Marks a field not looked up yet; a race between rules on two threads at worst looks it up twice.
    private static readonly object NotRead = new();

    private object? _properties = NotRead;
    private object? _metadata = NotRead;
    private object? _condition = NotRead;

    internal Resource(Template template, string logicalId, string type, MappingNode body, SourceLocation location)
    {
        Template = template;
        LogicalId = logicalId;
        Type = type;
        Body = body;
        Location = location;
    }

    public Template Template { get; }

    public string LogicalId { get; }

    public string Type { get; }

    /// <summary>The resource's whole mapping (Type, Properties, Metadata, Condition, DependsOn, ...).</summary>
    public MappingNode Body { get; }

    public MappingNode? Properties =>
        (MappingNode?)(ReferenceEquals(_properties, NotRead) ? _properties = Body["Properties"] as MappingNode : _properties);

    public MappingNode? Metadata =>
        (MappingNode?)(ReferenceEquals(_metadata, NotRead) ? _metadata = Body["Metadata"] as MappingNode : _metadata);

    /// <summary>The name of the condition the resource is created under, if any.</summary>
    public string? Condition =>
        (string?)(ReferenceEquals(_condition, NotRead) ? _condition = (Body["Condition"] as ScalarNode)?.Text : _condition);

    /// <summary>Where the resource's logical ID is written.</summary>
    public SourceLocation Location { get; }
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
