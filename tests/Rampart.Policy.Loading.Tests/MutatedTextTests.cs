using System.Text;
using static Rampart.Policy.Loading.Tests.Fixture;

namespace Rampart.Policy.Loading.Tests;

/// <summary>
/// The loader's fixtures (JSON, YAML, files that are not templates), damaged a few thousand times with a fixed seed: a
/// cut, a removed span, a repeated or re-indented line, a YAML or JSON token or an invalid byte inserted. Whatever the
/// damage, loading gives a template, a "not a template" note or one error line inside the file; it never throws.
/// </summary>
public sealed class MutatedTextTests
{
    // A longer campaign, with another seed: RAMPART_MUTANTS=1000000 RAMPART_MUTATION_SEED=7 dotnet test --filter Mutated
    private static readonly int Mutants = int.TryParse(Environment.GetEnvironmentVariable("RAMPART_MUTANTS"), out var count) && count > 0 ? count : 3000;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RAMPART_MUTATION_SEED"), out var seed) ? seed : 20261128;

    private static readonly string[] Inserts =
    [
        "{", "}", "[", "]", ":", ",", "\"", "'", "-", " ", "\n", "\t", "\r\n", "#", "\\", "|", ">", "? ", "!", "!!", "&a ", "*a", "<<: *a\n",
        "!Ref ", "!GetAtt a.b", "!If [", "!Sub ", "!!binary ", "---\n", "...\n", "%YAML 1.2\n", "\u00e9", "\ufeff", "null", "~", "1e999",
        "\"\\u12", "\\uD800", "{{", "- - -", "//", "/*",
    ];

    [Fact]
    public void No_damaged_fixture_makes_loading_throw_and_every_error_is_one_line_inside_the_file()
    {
        var seeds = Directory.EnumerateFiles(Root, "*.*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".json" or ".yaml" or ".yml" or ".template")
            .Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .ToList();
        Assert.True(seeds.Count > 20, "the loader's fixtures are the seeds");
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Mutants; i++)
        {
            var (name, text) = seeds[random.Next(seeds.Count)];
            var bytes = Encoding.UTF8.GetBytes(Damage(text, random));
            if (random.Next(10) == 0 && bytes.Length > 0)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100); // often not UTF-8
            }

            ParseResult result;
            try
            {
                result = TemplateParser.Parse(name, bytes);
            }
            catch (Exception exception)
            {
                Assert.Fail($"mutant {i} of {name} threw {exception}\n{Encoding.UTF8.GetString(bytes)}");
                return;
            }

            outcomes[result.GetType().Name] = outcomes.GetValueOrDefault(result.GetType().Name) + 1;
            if (result is ParseResult.Failed { Error: var error })
            {
                var lines = Encoding.UTF8.GetString(bytes).Split('\n').Length;
                Assert.True(error.Line >= 0 && error.Line <= lines + 1 && error.Column >= 0, $"mutant {i} of {name}: {error} is outside its {lines} lines");
                Assert.True(error.Message.Length > 0 && !error.Message.Contains('\n', StringComparison.Ordinal), $"mutant {i} of {name}: {error}");
            }
        }

        // The mutants exercise every outcome, not only one of them.
        Assert.True(outcomes.Count == 3 && outcomes.Values.All(n => n > Mutants / 20), string.Join(", ", outcomes));
    }

    private static string Damage(string text, Random random)
    {
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            var lines = text.Split('\n').ToList();
            var line = random.Next(lines.Count);
            text = random.Next(6) switch
            {
                0 => text[..at],
                1 => text.Remove(at, Math.Min(text.Length - at, random.Next(1, 20))),
                2 => string.Join('\n', lines.Take(line).Append(lines[random.Next(lines.Count)]).Concat(lines.Skip(line))),
                3 => string.Join('\n', lines.Select((l, n) => n == line ? new string(' ', random.Next(8)) + l.TrimStart() : l)),
                _ => text.Insert(at, Inserts[random.Next(Inserts.Length)]),
            };
        }

        return text;
    }
}
