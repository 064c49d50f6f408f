namespace Rampart.Architecture.Configuration;

/// <summary>The outcome of loading a configuration: the configuration, or every mistake found.</summary>
public sealed class ConfigurationLoadResult
{
    internal ConfigurationLoadResult(RampartConfiguration? configuration, IReadOnlyList<ConfigurationError> errors)
    {
        Configuration = configuration;
        Errors = errors;
    }

    /// <summary>The validated configuration; null when there are errors.</summary>
    public RampartConfiguration? Configuration { get; }

    /// <summary>Every mistake, in file order; empty on success.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    public bool Succeeded => Configuration is not null;

    /// <summary>A failed load, for mistakes found outside the loader (e.g. a file that cannot be read).</summary>
    public static ConfigurationLoadResult Failed(IReadOnlyList<ConfigurationError> errors) =>
        errors.Count > 0 ? new(null, errors) : throw new ArgumentException("a failed load needs at least one error", nameof(errors));

    /// <summary>The configuration, or <see cref="InvalidConfigurationException"/> with every error.</summary>
    public RampartConfiguration GetValueOrThrow() => Configuration ?? throw new InvalidConfigurationException(Errors);
}

/// <summary>
/// Loads a configuration file (YAML or JSON, chosen by extension) and validates it completely
/// before anything else sees it. Pure: text in, configuration or errors out; no file access.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The file extensions the loader reads, and their formats.</summary>
    public static IReadOnlyDictionary<string, ConfigurationFormat> Extensions { get; } =
        new Dictionary<string, ConfigurationFormat>(StringComparer.OrdinalIgnoreCase)
        {
            [".yaml"] = ConfigurationFormat.Yaml,
            [".yml"] = ConfigurationFormat.Yaml,
            [".json"] = ConfigurationFormat.Json,
        };

    /// <summary>Loads <paramref name="text"/>, choosing the format from <paramref name="source"/>'s extension.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">The file name as the user gave it; it prefixes every error line.</param>
    public static ConfigurationLoadResult Load(string text, string source)
    {
        if (!Extensions.TryGetValue(Path.GetExtension(source), out var format))
        {
            var extension = Path.GetExtension(source);
            return new ConfigurationLoadResult(null,
            [
                new ConfigurationError(source, 1, 1, "(file)", $"unsupported file extension ({(extension.Length == 0 ? "none" : extension)})", ".yaml, .yml or .json"),
            ]);
        }

        return Load(text, source, format);
    }

    /// <summary>Loads <paramref name="text"/> in the given format.</summary>
    public static ConfigurationLoadResult Load(string text, string source, ConfigurationFormat format)
    {
        var errors = new List<ConfigurationError>();
        var root = ConfigurationSyntax.Parse(text, format, source, errors);
        if (root is null)
        {
            return new ConfigurationLoadResult(null, errors);
        }

        var map = new SourceMap(source);
        var configuration = new ConfigurationBinder(map, errors).Bind(root);
        ConfigurationValidator.Validate(configuration, map, errors);
        return errors.Count == 0
            ? new ConfigurationLoadResult(configuration, [])
            : new ConfigurationLoadResult(null, [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
    }
}
