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

    /// <summary>
    /// <c>FILE:LINE:COLUMN: message</c>, or <c>FILE: message</c> when there is no position: the one-line form people read,
    /// printable (<see cref="PrintableText"/>), as the message may quote the file. Machine formats read the fields.
    /// </summary>
    public override string ToString() =>
        PrintableText.Of(Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}");
}
