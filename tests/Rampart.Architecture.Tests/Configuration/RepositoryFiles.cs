namespace Rampart.Architecture.Tests.Configuration;

/// <summary>Files of the repository (schema, examples, docs), found from the test's output directory.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rampart.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Rampart.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
