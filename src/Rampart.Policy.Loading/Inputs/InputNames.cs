namespace Rampart.Policy.Loading.Inputs;

/// <summary>Which names a folder walk reads, collects or skips.</summary>
internal static class InputNames
{
    /// <summary>Dependency, VCS and build-output folders: never templates of their own.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders =
        new HashSet<string>(["node_modules", ".git", "bin", "obj"], StringComparer.Ordinal);

    private static readonly string[] TemplateExtensions = [".json", ".yaml", ".yml", ".template"];

    /// <summary><c>.json</c>, <c>.yaml</c>, <c>.yml</c>, <c>.template</c> (so also <c>x.template.json</c>).</summary>
    public static bool MayHoldTemplate(string fileName) =>
        TemplateExtensions.Any(extension => fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>Dockerfile</c>, <c>api.Dockerfile</c>, <c>Dockerfile.prod</c>, in any case.</summary>
    public static bool IsDockerfile(string fileName) =>
        fileName.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
        || fileName.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase);
}
