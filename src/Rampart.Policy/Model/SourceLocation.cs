namespace Rampart.Policy.Model;

/// <summary>A place in a source file: 1-based line and column. Line 0 means "unknown".</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for a file whose position is not known.</summary>
    public static SourceLocation InFile(string file) => new(file, 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
