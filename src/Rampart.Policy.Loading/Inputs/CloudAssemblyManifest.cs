using System.Text.Json;

namespace Rampart.Policy.Loading.Inputs;

/// <summary>
/// Reads the <c>manifest.json</c> of a CDK cloud assembly (<c>cdk.out</c>): the stack templates
/// (<c>aws:cloudformation:stack</c> artifacts) and the nested assemblies (<c>cdk:cloud-assembly</c>, one per Stage).
/// </summary>
internal static class CloudAssemblyManifest
{
    public const string FileName = "manifest.json";

    /// <summary>
    /// The assembly's artifacts, as full paths, or null when <paramref name="directory"/> is not a
    /// cloud assembly (no manifest, or a manifest.json of another kind, such as a web app's).
    /// Paths leading out of <paramref name="assemblyRoot"/> (the outermost assembly) are refused:
    /// a manifest names files of its own assembly, never others.
    /// </summary>
    public static AssemblyArtifacts? TryRead(string directory, LoadLimits limits, string? assemblyRoot = null)
    {
        assemblyRoot ??= directory;
        var manifestPath = Path.Combine(directory, FileName);
        JsonDocument document;
        try
        {
            var info = new FileInfo(manifestPath);
            if (!info.Exists || info.Length > limits.MaxFileBytes)
            {
                return null;
            }

            document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Not readable as a manifest: the folder is walked as an ordinary one, so its templates are still found.
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("artifacts", out var artifacts)
                || artifacts.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var templates = new List<string>();
            var nested = new List<string>();
            var problems = new List<string>();
            foreach (var artifact in artifacts.EnumerateObject())
            {
                var type = artifact.Value.ValueKind == JsonValueKind.Object && artifact.Value.TryGetProperty("type", out var typeElement)
                    ? typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null
                    : null;
                var (propertyName, target) = type switch
                {
                    "aws:cloudformation:stack" => ("templateFile", templates),
                    "cdk:cloud-assembly" => ("directoryName", nested),
                    _ => (null, null),
                };
                if (propertyName is null || target is null)
                {
                    continue;
                }

                if (artifact.Value.TryGetProperty("properties", out var properties)
                    && properties.ValueKind == JsonValueKind.Object
                    && properties.TryGetProperty(propertyName, out var value)
                    && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { Length: > 0 } relative)
                {
                    if (ResolveInside(relative, directory, assemblyRoot) is { } full)
                    {
                        target.Add(full);
                    }
                    else
                    {
                        problems.Add($"artifact \"{artifact.Name}\" ({type}): {propertyName} \"{relative}\" is outside the cloud assembly");
                    }
                }
                else
                {
                    problems.Add($"artifact \"{artifact.Name}\" ({type}) has no properties.{propertyName}");
                }
            }

            return new AssemblyArtifacts(manifestPath, templates, nested, problems);
        }
    }

    /// <summary>The full path of <paramref name="relative"/> from <paramref name="directory"/>, or null when it is not under <paramref name="root"/>.</summary>
    public static string? ResolveInside(string relative, string directory, string root)
    {
        string full;
        try
        {
            full = Path.GetFullPath(relative, directory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full : null;
    }
}

/// <summary>What one manifest lists; paths are full.</summary>
internal sealed record AssemblyArtifacts(
    string ManifestPath,
    IReadOnlyList<string> TemplateFiles,
    IReadOnlyList<string> NestedAssemblies,
    IReadOnlyList<string> Problems);
