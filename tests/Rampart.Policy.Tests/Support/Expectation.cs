namespace Rampart.Policy.Tests.Support;

/// <summary>
/// One expected finding of a failing fixture, read from its <c>.expect</c> file, one per line:
/// <c>LogicalId Path Line [when ...]</c>; <c>-</c> for no resource or no path; a leading <c>?</c> on the
/// logical ID marks a finding that is not proven. Lines starting with <c>#</c> are comments.
/// </summary>
public sealed record Expectation(string? LogicalId, string? Path, int Line, bool Proven, string? Condition)
{
    public static IReadOnlyList<Expectation> Read(string file) =>
        File.ReadAllLines(file)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Parse)
            .ToList();

    private static Expectation Parse(string line)
    {
        var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            throw new FormatException($"expectation '{line}' needs: LogicalId Path Line [when ...]");
        }

        var id = parts[0];
        var proven = !id.StartsWith('?');
        id = id.TrimStart('?');
        return new Expectation(
            id == "-" ? null : id,
            parts[1] == "-" ? null : parts[1],
            int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
            proven,
            parts.Length > 3 ? parts[3] : null);
    }

    public override string ToString() =>
        $"{(Proven ? string.Empty : "?")}{LogicalId ?? "-"} {Path ?? "-"} {Line}{(Condition is null ? string.Empty : " " + Condition)}";
}
