namespace Rampart.Policy.Loading.Tests.Inputs;

/// <summary>A throw-away folder tree for one test (folders such as bin/ and node_modules/ cannot be checked-in fixtures).</summary>
internal sealed class TempTree : IDisposable
{
    public const string Template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";

    public TempTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rampart-loading-" + Guid.NewGuid().ToString("N"));

    public string Write(string relative, string content = Template)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
