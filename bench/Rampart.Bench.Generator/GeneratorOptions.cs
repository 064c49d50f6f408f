using System.Globalization;

namespace Rampart.Bench.Generator;

/// <summary>The generator's command line.</summary>
/// <param name="Output">Folder the templates are written to.</param>
/// <param name="Sizes">Sizes (resource counts) written as JSON.</param>
/// <param name="YamlSizes">Sizes also written as YAML.</param>
/// <param name="Seed">Seed of the random choices.</param>
/// <param name="Share">Chance that a checkable resource carries a planted violation.</param>
/// <param name="FolderSizes">Numbers of templates written as folders of small stacks (a monorepo's many templates).</param>
public sealed record GeneratorOptions(string Output, IReadOnlyList<int> Sizes, IReadOnlyList<int> YamlSizes, int Seed, double Share, IReadOnlyList<int> FolderSizes)
{
    /// <summary>Resources in each template of a folder: a small stack, as a monorepo holds many of.</summary>
    public const int FolderTemplateResources = 20;

    /// <summary>The seed the benchmark's templates are generated with, unless told otherwise.</summary>
    public const int DefaultSeed = 20251127;

    /// <summary>The chance that a checkable resource carries a planted violation, unless told otherwise.</summary>
    public const double DefaultShare = 0.2;

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when one is wrong.</summary>
    public static GeneratorOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new GeneratorOptions(Path.Combine("bench", "templates"), [10, 100, 1000, 5000], [1000], DefaultSeed, DefaultShare, []);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--out":
                    options = options with { Output = value };
                    break;
                case "--sizes" when ParseSizes(value) is { } sizes:
                    options = options with { Sizes = sizes };
                    break;
                case "--yaml-sizes" when ParseSizes(value) is { } sizes:
                    options = options with { YamlSizes = sizes };
                    break;
                case "--folder-sizes" when ParseSizes(value) is { } sizes:
                    options = options with { FolderSizes = sizes };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--share" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1:
                    options = options with { Share = share };
                    break;
                case "--sizes" or "--yaml-sizes":
                    error = $"{name} '{value}': expected positive resource counts separated by commas, e.g. 10,100,1000";
                    return null;
                case "--folder-sizes":
                    error = $"--folder-sizes '{value}': expected positive template counts separated by commas, e.g. 1000";
                    return null;
                case "--seed":
                    error = $"--seed '{value}': expected an integer";
                    return null;
                case "--share":
                    error = $"--share '{value}': expected a number from 0 to 1, e.g. 0.2";
                    return null;
                default:
                    error = $"unknown option '{name}'; accepted: --out, --sizes, --yaml-sizes, --folder-sizes, --seed, --share";
                    return null;
            }
        }

        error = string.Empty;
        return options;
    }

    private static List<int>? ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size < 1)
            {
                return null;
            }

            sizes.Add(size);
        }

        return sizes;
    }
}
