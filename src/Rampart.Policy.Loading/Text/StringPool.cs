using System.Runtime.CompilerServices;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// Gives one string instance per distinct short text within one file, so the thousands of
/// "Type", "Properties", "Ref" and repeated values share storage. One pool per parse:
/// parsers share no mutable state and may run in parallel.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Longer texts (policies, scripts) rarely repeat; pooling them only costs hashing.</summary>
    public const int MaxPooledLength = 64;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return new string(text);
        }

        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        _strings.Add(created, created);
        return created;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(string text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text;
        }

        if (_strings.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        _strings.Add(text, text);
        return text;
    }
}
