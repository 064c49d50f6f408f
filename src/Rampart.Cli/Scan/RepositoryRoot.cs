namespace Rampart.Cli.Scan;

/// <summary>
/// Finds the root of the git repository around a folder, so report paths are relative to it wherever in the
/// repository <c>rampart scan</c> runs: GitHub code scanning resolves SARIF paths against the repository root.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>
    /// The nearest folder at or above <paramref name="directory"/> holding a <c>.git</c> folder or file
    /// (worktrees and submodules have a file); null outside a repository.
    /// </summary>
    public static string? Find(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
