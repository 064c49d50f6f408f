namespace Rampart.Architecture.Configuration;

/// <summary>
/// Where each field's value sits in the file, and which fields are settled: already reported as
/// unreadable (missing, wrong type) or derived from other fields, so that validation skips them.
/// </summary>
internal sealed class SourceMap(string source)
{
    private readonly Dictionary<string, SourcePosition> _values = [];
    private readonly HashSet<string> _settled = [];

    public string Source { get; } = source;

    /// <summary>A map without text: errors carry no line or column.</summary>
    public static SourceMap ForCode() => new("<code>");

    public void Record(string path, SourcePosition position) => _values[path] = position;

    public void Settle(string path) => _settled.Add(path);

    /// <summary>True when the value at <paramref name="path"/> was given in the file.</summary>
    public bool IsGiven(string path) => _values.ContainsKey(path);

    /// <summary>True when the field or one of its parents is settled.</summary>
    public bool IsSettled(string path)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (_settled.Contains(current))
            {
                return true;
            }
        }

        return _settled.Contains("");
    }

    /// <summary>The value's position, or the nearest given parent's (where a missing field belongs).</summary>
    public SourcePosition? PositionOf(string path)
    {
        for (var current = path; ; current = Parent(current))
        {
            if (_values.TryGetValue(current, out var position))
            {
                return position;
            }

            if (current.Length == 0)
            {
                return null;
            }
        }
    }

    public ConfigurationError Error(string path, string problem, string accepted)
    {
        var position = PositionOf(path);
        return new ConfigurationError(Source, position?.Line ?? 0, position?.Column ?? 0, path.Length == 0 ? "(root)" : path, problem, accepted);
    }

    /// <summary><c>environments[0].vpcCidr</c> → <c>environments[0]</c> → <c>environments</c> → <c>""</c>.</summary>
    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf('[');
        var cut = Math.Max(dot, bracket);
        return cut <= 0 ? "" : path[..cut];
    }
}
