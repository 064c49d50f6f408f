namespace Rampart.Cli.Tests.Support;

/// <summary>
/// A throw-away folder standing for a repository (it holds a <c>.git</c> folder, so report paths are
/// relative to it wherever the temp folder lives), deleted after the test.
/// </summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "rampart-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
    }

    public string Root { get; }

    /// <summary>Writes a file (folders created), returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the OS's temp cleaning takes it later.
        }
    }
}
