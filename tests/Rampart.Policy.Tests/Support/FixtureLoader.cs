using Rampart.Policy.Loading;
using Rampart.Policy.Model;

namespace Rampart.Policy.Tests.Support;

/// <summary>Loads fixture templates (JSON or YAML) into the engine's model through the product's own loader.</summary>
public static class FixtureLoader
{
    public static Template Load(string path, string? displayPath = null) =>
        TemplateParser.ParseFile(path, displayPath ?? path) switch
        {
            ParseResult.Loaded loaded => loaded.Template,
            ParseResult.NotATemplate skipped => throw new InvalidOperationException($"fixture {path} is not a template: {skipped.Reason}"),
            ParseResult.Failed failed => throw new InvalidOperationException($"fixture {failed.Error}"),
            _ => throw new InvalidOperationException($"fixture {path}: unexpected parse result"),
        };

    public static Deployment LoadDeployment(string name, params string[] paths) =>
        new(name, paths.Select(p => Load(p, Path.GetFileName(p))).ToList());
}
