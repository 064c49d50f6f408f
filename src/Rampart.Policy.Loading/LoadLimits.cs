namespace Rampart.Policy.Loading;

/// <summary>
/// Bounds that keep a hostile or broken input from exhausting memory or time.
/// Hitting one is a <see cref="LoadError"/> for that file; the other files still load.
/// </summary>
public sealed record LoadLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>
    /// Largest file read, in bytes; checked before reading. Default 64 MiB, well above
    /// CloudFormation's own 1 MB (S3) template limit, so generated templates fit.
    /// </summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists (the top-level mapping is depth 1). Default 256.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// Most nodes in one document, counting every YAML alias as the full size of what it
    /// refers to, so a "billion laughs" document fails fast. Default 10,000,000.
    /// </summary>
    public long MaxNodes { get; init; } = 10_000_000;

    /// <summary>Longest mapping key, in characters. Default 1,024 (YAML's own limit for implicit keys).</summary>
    public int MaxKeyLength { get; init; } = 1024;
}
