using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Rampart.Policy.Model;

/// <summary>
/// A parsed document held as flat arrays, as <c>System.Text.Json.JsonDocument</c> holds one: a record per value
/// (its kind, position and text, or where its children are), a record per mapping entry and an index per list item.
/// Nodes (<see cref="TemplateNode"/> and its typed views) are handles into these arrays, not objects of their own.
/// </summary>
/// <remarks>
/// A tree of node objects cost a 5,000-resource template ~135,000 objects and 15.5 MiB; these arrays hold the same in
/// about half, with no object per value for the loader to make or the runtime to map, zero and free (see
/// <c>docs/compact-engine.md</c>). A document is filled by one loader on one thread, children before their
/// collection, and is only read once it is handed over.
/// </remarks>
public sealed class TemplateDocument
{
    private const int KindShift = 29;
    private const int CountMask = (1 << KindShift) - 1;

    /// <summary>Mappings with more entries than this get a key index on their first lookup; smaller ones are searched in order.</summary>
    private const int IndexThreshold = 8;

    private NodeRecord[] _nodes;
    private EntryRecord[] _entries;
    private int[] _items;
    private int _nodeCount;
    private int _entryCount;
    private int _itemCount;
    private ConcurrentDictionary<int, Dictionary<string, int>>? _keyIndexes;

    /// <param name="file">The file the document was read from, as the user named it.</param>
    /// <param name="expectedNodes">How many values to make room for (the arrays grow beyond it).</param>
    /// <param name="expectedEntries">How many mapping entries to make room for.</param>
    public TemplateDocument(string file, int expectedNodes = 16, int expectedEntries = 16)
    {
        File = file;
        _nodes = new NodeRecord[Math.Max(expectedNodes, 4)];
        _entries = new EntryRecord[Math.Max(expectedEntries, 4)];
        _items = new int[Math.Max(expectedNodes / 8, 4)];
    }

    /// <summary>The file every node of this document is in.</summary>
    public string File { get; }

    /// <summary>How many values the document holds.</summary>
    public int NodeCount => _nodeCount;

    /// <summary>
    /// The document that nodes referred to by a negative index are in: a large file read on two threads is two
    /// documents, the first joined to the second (see <see cref="InContinuation"/>).
    /// </summary>
    public TemplateDocument? Continuation { get; set; }

    /// <summary>How an entry of this document refers to node <paramref name="index"/> of <see cref="Continuation"/>.</summary>
    public static int InContinuation(int index) => ~index;

    /// <summary>The node at <paramref name="index"/>, as returned by the <c>Add</c> methods.</summary>
    public TemplateNode Node(int index) => NodeAt(index);

    /// <summary>Adds a string, number, boolean or null; returns its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddScalar(string text, ScalarKind kind, int line, int column) =>
        Add(new NodeRecord(text, line, column, 0, (int)kind << KindShift));

    /// <summary>Adds a mapping whose entries (their values added before) are <paramref name="entries"/>; returns its index.</summary>
    public int AddMapping(ReadOnlySpan<EntryRecord> entries, int line, int column) =>
        Add(new NodeRecord(null, line, column, Append(ref _entries, ref _entryCount, entries), entries.Length | ((int)NodeKind.Mapping << KindShift)));

    /// <summary>Adds a list whose items (added before) are the nodes at <paramref name="items"/>; returns its index.</summary>
    public int AddSequence(ReadOnlySpan<int> items, int line, int column) =>
        Add(new NodeRecord(null, line, column, Append(ref _items, ref _itemCount, items), items.Length | ((int)NodeKind.Sequence << KindShift)));

    internal ref readonly NodeRecord Record(int index) => ref _nodes[index];

    internal static NodeKind KindOf(in NodeRecord record) => (NodeKind)((uint)record.CountAndKind >> KindShift);

    internal static int CountOf(in NodeRecord record) => record.CountAndKind & CountMask;

    internal ReadOnlySpan<EntryRecord> EntriesOf(in NodeRecord record) => _entries.AsSpan(record.First, CountOf(record));

    internal ref readonly EntryRecord EntryRecordAt(int entryIndex) => ref _entries[entryIndex];

    internal ReadOnlySpan<int> ItemsOf(in NodeRecord record) => _items.AsSpan(record.First, CountOf(record));

    internal int ItemAt(int itemIndex) => _items[itemIndex];

    /// <summary>The node an entry or item refers to: here, or in <see cref="Continuation"/> for a negative index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TemplateNode NodeAt(int index) => index >= 0 ? new TemplateNode(this, index) : new TemplateNode(Continuation!, ~index);

    /// <summary>The entry index of <paramref name="key"/> in mapping <paramref name="mapping"/>, or -1.</summary>
    internal int FindEntry(int mapping, string key)
    {
        ref readonly var record = ref _nodes[mapping];
        var entries = EntriesOf(record);
        if (entries.Length > IndexThreshold)
        {
            return KeyIndex(mapping, entries).TryGetValue(key, out var at) ? record.First + at : -1;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return record.First + i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Key to position in a large mapping, the last one winning, built on first lookup: many large mappings (a
    /// template's Resources, policy documents) are only ever walked. Rules may run on several threads: a race only
    /// builds an index twice.
    /// </summary>
    private Dictionary<string, int> KeyIndex(int mapping, ReadOnlySpan<EntryRecord> entries)
    {
        var indexes = _keyIndexes ?? Interlocked.CompareExchange(ref _keyIndexes, new(), null) ?? _keyIndexes!;
        if (indexes.TryGetValue(mapping, out var index))
        {
            return index;
        }

        index = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            index[entries[i].Key] = i;
        }

        return indexes.GetOrAdd(mapping, index);
    }

    /// <summary>Copies a collection's children to the end of their array; returns where they start.</summary>
    private static int Append<T>(ref T[] array, ref int count, ReadOnlySpan<T> children)
    {
        var first = count;
        if (first + children.Length > array.Length)
        {
            Array.Resize(ref array, Math.Max(array.Length * 2, first + children.Length));
        }

        children.CopyTo(array.AsSpan(first));
        count += children.Length;
        return first;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Add(NodeRecord record)
    {
        if (_nodeCount == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_nodeCount] = record;
        return _nodeCount++;
    }
}

/// <summary>What a node is.</summary>
public enum NodeKind
{
    String = ScalarKind.String,
    Number = ScalarKind.Number,
    Boolean = ScalarKind.Boolean,
    Null = ScalarKind.Null,
    Mapping,
    Sequence,
}

/// <summary>A value as stored: where it is written, and its text or where its children are. 24 bytes.</summary>
internal readonly struct NodeRecord(string? text, int line, int column, int first, int countAndKind)
{
    public readonly string? Text = text;
    public readonly int Line = line;
    public readonly int Column = column;

    /// <summary>A mapping's first entry or a list's first item.</summary>
    public readonly int First = first;

    /// <summary>The kind in the top three bits, the number of children below.</summary>
    public readonly int CountAndKind = countAndKind;
}

/// <summary>
/// A mapping entry as a loader hands it to <see cref="TemplateDocument.AddMapping"/>: the key, where it is written, and
/// the index of its value (negative for a value in the document's <see cref="TemplateDocument.Continuation"/>).
/// </summary>
public readonly struct EntryRecord(string key, int keyLine, int keyColumn, int value)
{
    public string Key { get; } = key;

    public int KeyLine { get; } = keyLine;

    public int KeyColumn { get; } = keyColumn;

    public int Value { get; } = value;
}
