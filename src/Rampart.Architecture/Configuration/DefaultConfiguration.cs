namespace Rampart.Architecture.Configuration;

/// <summary>
/// The configuration used when none is given: one dev environment, phase 3, every control on. It is
/// the embedded, commented <c>rampart.default.yaml</c> (also the example users copy), loaded through
/// the same loader and validator as any user's file.
/// </summary>
public static class DefaultConfiguration
{
    /// <summary>The embedded resource's name; the file is <c>Configuration/rampart.default.yaml</c>.</summary>
    public const string ResourceName = "Rampart.Architecture.Configuration.rampart.default.yaml";

    /// <summary>The name the default's error lines (if any) and summaries use.</summary>
    public const string SourceName = "rampart.default.yaml (embedded)";

    private static readonly Lazy<RampartConfiguration> Loaded = new(Load);

    /// <summary>The validated default configuration.</summary>
    public static RampartConfiguration Value => Loaded.Value;

    /// <summary>The embedded file's text, e.g. to write it out as a starting point.</summary>
    public static string Text
    {
        get
        {
            using var stream = typeof(DefaultConfiguration).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    // An invalid embedded default is a defect of the build, not of the user's input: fail loudly.
    private static RampartConfiguration Load() =>
        ConfigurationLoader.Load(Text, SourceName, ConfigurationFormat.Yaml).GetValueOrThrow();
}
