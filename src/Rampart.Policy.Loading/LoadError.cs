using Rampart.Policy.Model;

namespace Rampart.Policy.Loading;

/// <summary>
/// Why one input could not be loaded: a malformed file, a limit hit, a missing path.
/// <see cref="Line"/> and <see cref="Column"/> are 1-based; 0 when the error concerns the whole file.
/// </summary>
public sealed record LoadError(string File, int Line, int Column, string Message)
{
    /// <summary>Where the error is, as a model location.</summary>
    public SourceLocation Location => new(File, Line, Column);

    /// <summary><c>FILE:LINE:COLUMN: message</c>, or <c>FILE: message</c> when there is no position.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
