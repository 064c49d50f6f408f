namespace Rampart.Policy.Model;

/// <summary>
/// A node of a parsed template, as written: JSON and YAML both load into this tree.
/// YAML short-form intrinsics (<c>!Ref x</c>, <c>!GetAtt a.b</c>) are loaded as their
/// long form (<c>{"Ref": "x"}</c>, <c>{"Fn::GetAtt": ["a", "b"]}</c>), so the engine sees one shape.
/// Every node keeps where it was written.
/// </summary>
public abstract class TemplateNode
{
    protected TemplateNode(SourceLocation location) => Location = location;

    /// <summary>Where the node's value starts in its file.</summary>
    public SourceLocation Location { get; }
}

/// <summary>The kind of a scalar as written (YAML plain scalars are typed as YAML 1.2 core schema does).</summary>
public enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null. <see cref="Text"/> is the text as written (numbers keep their digits).</summary>
public sealed class ScalarNode(string text, ScalarKind kind, SourceLocation location) : TemplateNode(location)
{
    public string Text { get; } = text;

    public ScalarKind Kind { get; } = kind;

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>A list.</summary>
public sealed class SequenceNode(IReadOnlyList<TemplateNode> items, SourceLocation location) : TemplateNode(location)
{
    private readonly TemplateNode[] _items = items as TemplateNode[] ?? [.. items];

    public IReadOnlyList<TemplateNode> Items => _items;

    /// <summary>The items, read without an interface call per item (rules read millions of them).</summary>
    internal ReadOnlySpan<TemplateNode> ItemSpan => _items;
}

/// <summary>One key and its value in a <see cref="MappingNode"/>. A struct: stored inline in its mapping's array, not one object per key.</summary>
/// <remarks>
/// A key and its value are written in one document, so the entry keeps only the key's line and column and takes the
/// file from its value: 24 bytes instead of 32 per entry (a 5,000-resource template holds ~130,000 entries and
/// loads in 15.5 MiB instead of 16.5).
/// </remarks>
public readonly record struct MappingEntry
{
    private readonly int _keyLine;
    private readonly int _keyColumn;

    /// <param name="key">The key as written.</param>
    /// <param name="keyLocation">Where the key is written: in <paramref name="value"/>'s file, which the entry gives back.</param>
    /// <param name="value">The value.</param>
    public MappingEntry(string key, SourceLocation keyLocation, TemplateNode value)
    {
        Key = key;
        _keyLine = keyLocation.Line;
        _keyColumn = keyLocation.Column;
        Value = value;
    }

    public string Key { get; }

    /// <summary>Where the key is written, in its value's file.</summary>
    public SourceLocation KeyLocation => new(Value.Location.File, _keyLine, _keyColumn);

    public TemplateNode Value { get; }
}

/// <summary>An object: keys in the order written. A duplicate key is a loading error, so keys are unique.</summary>
public sealed class MappingNode : TemplateNode
{
    // Most mappings of a template hold a handful of keys: they are searched in order, and only larger ones
    // get a dictionary (measured on a 5,000-resource template: 27.7 -> 16.6 MiB of live tree). That dictionary
    // is built on the first lookup: many large mappings (a template's Resources, policy documents) are only
    // ever walked, and building it for each of them was a twentieth of loading.
    private const int IndexThreshold = 8;

    private readonly MappingEntry[] _entries;
    private Dictionary<string, int>? _byKey;

    public MappingNode(IReadOnlyList<MappingEntry> entries, SourceLocation location)
        : base(location)
    {
        // The loaders hand over arrays: kept as they are, searched and walked in place.
        _entries = entries as MappingEntry[] ?? [.. entries];
    }

    public IReadOnlyList<MappingEntry> Entries => _entries;

    /// <summary>The entries, read in place: no interface call and no copy per entry (rules read millions of them).</summary>
    internal ReadOnlySpan<MappingEntry> EntrySpan => _entries;

    public int Count => _entries.Length;

    public TemplateNode? this[string key] => Entry(key)?.Value;

    public MappingEntry? Entry(string key)
    {
        if (_entries.Length > IndexThreshold)
        {
            return (_byKey ?? BuildIndex()).TryGetValue(key, out var index) ? _entries[index] : null;
        }

        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    public bool ContainsKey(string key) => Entry(key) is not null;

    /// <summary>
    /// When this mapping is an intrinsic function (<c>Ref</c>, <c>Fn::*</c>, <c>Condition</c>),
    /// its name and argument; a one-key mapping whose key is an intrinsic's name.
    /// </summary>
    public bool TryGetIntrinsic(out string name, out TemplateNode argument)
    {
        if (_entries.Length == 1)
        {
            ref readonly var only = ref _entries[0];
            if (only.Key == "Ref" || only.Key == "Condition" || only.Key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                name = only.Key;
                argument = only.Value;
                return true;
            }
        }

        name = string.Empty;
        argument = this;
        return false;
    }

    /// <summary>
    /// Key to position, the last one winning as before. Rules may run on several threads: each builds a complete
    /// dictionary before publishing it, so a race only builds it twice.
    /// </summary>
    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            index[_entries[i].Key] = i;
        }

        Volatile.Write(ref _byKey, index);
        return index;
    }
}
