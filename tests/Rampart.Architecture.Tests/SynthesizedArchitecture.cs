using System.Text.Json.Nodes;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Stacks;

namespace Rampart.Architecture.Tests;

/// <summary>
/// One synthesis of a configuration, shared by every test that asserts on it: synthesizing drives
/// Node.js through jsii and takes seconds, so each configuration is synthesized once per test run.
/// </summary>
public abstract class SynthesizedArchitecture
{
    static SynthesizedArchitecture()
    {
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
    }

    protected SynthesizedArchitecture(RampartConfiguration configuration)
    {
        Configuration = configuration;
        OutputDirectory = Path.Combine(Path.GetTempPath(), "rampart-tests", Guid.NewGuid().ToString("N"));
        var assembly = ArchitectureApp.Create(configuration, OutputDirectory).Synth();
        var templates = new Dictionary<string, JsonObject>();
        var environments = new Dictionary<string, string>();

        // Each environment is a stage: its stacks are in a nested assembly, found recursively.
        foreach (var stack in assembly.StacksRecursively)
        {
            templates[stack.StackName] = (JsonObject)JsonNode.Parse(File.ReadAllText(stack.TemplateFullPath))!;
            environments[stack.StackName] = $"aws://{stack.Environment.Account}/{stack.Environment.Region}";
        }

        Templates = templates;
        StackEnvironments = environments;
        Manifest = ReadManifest(assembly.Directory);
        NestedManifests = assembly.NestedAssemblies.ToDictionary(n => n.DirectoryName, n => ReadManifest(n.FullPath));
    }

    public RampartConfiguration Configuration { get; }

    public string OutputDirectory { get; }

    /// <summary>Every synthesized template by stack name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Templates { get; }

    /// <summary>The deployment target of every stack by stack name, as <c>aws://ACCOUNT/REGION</c>.</summary>
    public IReadOnlyDictionary<string, string> StackEnvironments { get; }

    /// <summary>The cloud assembly's (top-level) manifest.json.</summary>
    public JsonObject Manifest { get; }

    /// <summary>The manifest.json of each stage's nested assembly, by directory name (<c>assembly-Webapp-dev</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> NestedManifests { get; }

    /// <summary>The workload stack of one environment.</summary>
    public TemplateView Workload(string environment = "dev")
    {
        var target = Configuration.Environments.Single(e => e.Name == environment);
        return new TemplateView(Templates[ArchitectureApp.StackName(Configuration, target)]);
    }

    /// <summary>The CloudFront edge stack (us-east-1) of one environment.</summary>
    public TemplateView Edge(string environment = "dev")
    {
        var target = Configuration.Environments.Single(e => e.Name == environment);
        return new TemplateView(Templates[ArchitectureApp.EdgeStackName(Configuration, target)]);
    }

    private static JsonObject ReadManifest(string directory) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")))!;
}

/// <summary>The default configuration (one dev environment, phase 3), synthesized once.</summary>
public sealed class DefaultArchitecture() : SynthesizedArchitecture(DefaultConfiguration.Value);

[CollectionDefinition(Name)]
public sealed class DefaultArchitectureCollection : ICollectionFixture<DefaultArchitecture>
{
    public const string Name = "default architecture";
}

/// <summary>Queries over one synthesized template.</summary>
public sealed class TemplateView(JsonObject template)
{
    public JsonObject Json { get; } = template;

    public JsonObject ResourceSection => Json["Resources"]!.AsObject();

    /// <summary>(logical ID, resource) for every resource of a type.</summary>
    public IReadOnlyList<(string LogicalId, JsonObject Resource)> OfType(string type) =>
        ResourceSection
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!.AsObject()))
            .ToList();

    /// <summary>The properties of every resource of a type.</summary>
    public IReadOnlyList<JsonObject> PropertiesOf(string type) =>
        OfType(type).Select(r => r.Resource["Properties"]?.AsObject() ?? []).ToList();

    public JsonObject Resource(string logicalId) => ResourceSection[logicalId]!.AsObject();
}
