using Rampart.Bench.Generator;

namespace Rampart.Bench;

/// <summary>
/// Finds the generated templates (bench/templates, or RAMPART_BENCH_TEMPLATES), generating any that is
/// missing with the generator's default seed, so the suite also runs before bench/run.sh ever did.
/// </summary>
public static class Templates
{
    /// <summary>The bytes of template-<paramref name="name"/> (e.g. "1000.json", "1000.yaml").</summary>
    public static (string Path, byte[] Bytes) Load(string name)
    {
        var folder = Folder();
        var path = Path.Combine(folder, $"template-{name}");
        if (!File.Exists(path))
        {
            var size = int.Parse(name[..name.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var template = TemplateGenerator.Generate(size, GeneratorOptions.DefaultSeed, GeneratorOptions.DefaultShare);
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, name.EndsWith(".yaml", StringComparison.Ordinal)
                ? YamlTemplateWriter.Write(template.Document)
                : template.Document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, IndentSize = 1 }));
        }

        return (path, File.ReadAllBytes(path));
    }

    private static string Folder()
    {
        if (Environment.GetEnvironmentVariable("RAMPART_BENCH_TEMPLATES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rampart.slnx")))
            {
                return Path.Combine(directory.FullName, "bench", "templates");
            }
        }

        return Path.Combine(Path.GetTempPath(), "rampart-bench-templates");
    }
}
