namespace Rampart.Architecture.Tests.App;

/// <summary>
/// What one in-process run of the app writes: a private output folder and captured stdout/stderr,
/// removed when the test is done.
/// </summary>
public sealed class AppRun : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "rampart-app-tests", Guid.NewGuid().ToString("N"));

    public StringWriter Out { get; } = new();

    public StringWriter Err { get; } = new();

    /// <summary>The non-empty, trimmed lines a writer received.</summary>
    public static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose()
    {
        Out.Dispose();
        Err.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
