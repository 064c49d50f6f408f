using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Inputs;

/// <summary>Everything one scan found in the paths it was given.</summary>
/// <param name="Deployments">The templates, grouped: one per cloud assembly, then one named "scan" for loose files.</param>
/// <param name="Errors">Inputs that could not be loaded, one error each.</param>
/// <param name="Skipped">Files read and found not to be templates, with the reason.</param>
/// <param name="Dockerfiles">Dockerfiles found, as display paths, for the Dockerfile checks.</param>
public sealed record ScanInputs(
    IReadOnlyList<Deployment> Deployments,
    IReadOnlyList<LoadError> Errors,
    IReadOnlyList<SkippedInput> Skipped,
    IReadOnlyList<string> Dockerfiles);

/// <summary>A file (or folder) left out of the scan, and why.</summary>
public sealed record SkippedInput(string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Reason}";
}
