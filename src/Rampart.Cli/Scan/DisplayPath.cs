namespace Rampart.Cli.Scan;

/// <summary>How a file is named in reports: relative to the base folder when under it, else absolute; always with '/'.</summary>
public static class DisplayPath
{
    /// <summary>The display form of <paramref name="fullPath"/> (the same rule the input collector follows).</summary>
    public static string Of(string fullPath, string baseDirectory)
    {
        fullPath = Path.TrimEndingDirectorySeparator(fullPath);
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        var outside = relative == ".." || relative.StartsWith("../", StringComparison.Ordinal)
            || relative.StartsWith("..\\", StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return (outside ? fullPath : relative).Replace('\\', '/');
    }
}
