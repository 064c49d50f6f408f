namespace Rampart.Architecture;

/// <summary>
/// The controls of the catalogue that the architecture does not build, with the reason. Everything else is
/// built and proven by a test named after its control (docs/controls.md lists both).
/// </summary>
public static class ControlCoverage
{
    public static IReadOnlyDictionary<string, string> NotBuilt { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CTR-11"] = "The container image is the user's: the architecture pulls it by tag or digest from its own ECR repository (scan on push, immutable tags, CTR-09); the Dockerfile that builds it lives in the user's repository and is checked by the Dockerfile rules of a later issue.",
        ["CTR-12"] = "Image signing and verification (the seed: \"for production deployments\") need a signing profile and a verification step in the user's deployment pipeline; the architecture provides the ECR repository with immutable tags and scan on push, not the pipeline.",
    };
}
