using System.Collections;

namespace Rampart.Policy.Model;

/// <summary>
/// A node of a parsed template, as written: JSON and YAML both load into this tree.
/// YAML short-form intrinsics (<c>!Ref x</c>, <c>!GetAtt a.b</c>) are loaded as their
/// long form (<c>{"Ref": "x"}</c>, <c>{"Fn::GetAtt": ["a", "b"]}</c>), so the engine sees one shape.
/// Every node keeps where it was written.
/// </summary>
/// <remarks>
/// A handle (its document and its place there), not an object: see <see cref="TemplateDocument"/>. Its typed views
/// are <see cref="MappingNode"/>, <see cref="SequenceNode"/> and <see cref="ScalarNode"/>, taken with
/// <see cref="AsMapping"/>, <see cref="AsSequence"/> and <see cref="AsScalar"/>.
/// </remarks>
public readonly struct TemplateNode : IEquatable<TemplateNode>
{
    /// <summary>Made by <see cref="TemplateDocument.Node"/>, so that every handle names a node that exists.</summary>
    internal TemplateNode(TemplateDocument document, int index)
    {
        Document = document;
        Index = index;
    }

    /// <summary>The document the node is in.</summary>
    public TemplateDocument Document { get; }

    /// <summary>The node's place in <see cref="Document"/>.</summary>
    public int Index { get; }

    public NodeKind Kind => TemplateDocument.KindOf(Document.Record(Index));

    /// <summary>Where the node's value starts in its file.</summary>
    public SourceLocation Location
    {
        get
        {
            ref readonly var record = ref Document.Record(Index);
            return new SourceLocation(Document.File, record.Line, record.Column);
        }
    }

    public bool IsMapping => Kind == NodeKind.Mapping;

    public bool IsSequence => Kind == NodeKind.Sequence;

    public bool IsScalar => Kind < NodeKind.Mapping;

    public MappingNode? AsMapping() => IsMapping ? new MappingNode(Document, Index) : null;

    public SequenceNode? AsSequence() => IsSequence ? new SequenceNode(Document, Index) : null;

    public ScalarNode? AsScalar() => IsScalar ? new ScalarNode(Document, Index) : null;

    public bool TryGetMapping(out MappingNode mapping)
    {
        mapping = new MappingNode(Document, Index);
        return IsMapping;
    }

    public bool TryGetSequence(out SequenceNode sequence)
    {
        sequence = new SequenceNode(Document, Index);
        return IsSequence;
    }

    public bool TryGetScalar(out ScalarNode scalar)
    {
        scalar = new ScalarNode(Document, Index);
        return IsScalar;
    }

    /// <summary>The text of a scalar; null for a mapping or a list.</summary>
    public string? ScalarText => Document.Record(Index).Text;

    public bool Equals(TemplateNode other) => ReferenceEquals(Document, other.Document) && Index == other.Index;

    public override bool Equals(object? obj) => obj is TemplateNode other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Document, Index);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        NodeKind.Mapping => "{...}",
        NodeKind.Sequence => "[...]",
        _ => ScalarText ?? string.Empty,
    };

    public static bool operator ==(TemplateNode left, TemplateNode right) => left.Equals(right);

    public static bool operator !=(TemplateNode left, TemplateNode right) => !left.Equals(right);
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
public readonly struct ScalarNode
{
    internal ScalarNode(TemplateDocument document, int index)
    {
        Document = document;
        Index = index;
    }

    public TemplateDocument Document { get; }

    public int Index { get; }

    public string Text => Document.Record(Index).Text!;

    public ScalarKind Kind => (ScalarKind)TemplateDocument.KindOf(Document.Record(Index));

    public SourceLocation Location => Node.Location;

    public TemplateNode Node => new(Document, Index);

    public static implicit operator TemplateNode(ScalarNode scalar) => scalar.Node;

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>A list.</summary>
public readonly struct SequenceNode
{
    internal SequenceNode(TemplateDocument document, int index)
    {
        Document = document;
        Index = index;
    }

    public TemplateDocument Document { get; }

    public int Index { get; }

    public SequenceItems Items => new(Document, Index);

    public int Count => TemplateDocument.CountOf(Document.Record(Index));

    public SourceLocation Location => Node.Location;

    public TemplateNode Node => new(Document, Index);

    public static implicit operator TemplateNode(SequenceNode sequence) => sequence.Node;
}

/// <summary>A list's items, read in place.</summary>
public readonly struct SequenceItems : IReadOnlyList<TemplateNode>
{
    private readonly TemplateDocument _document;
    private readonly int _index;

    internal SequenceItems(TemplateDocument document, int index)
    {
        _document = document;
        _index = index;
    }

    public int Count => TemplateDocument.CountOf(_document.Record(_index));

    public TemplateNode this[int index] => _document.NodeAt(Span[index]);

    private ReadOnlySpan<int> Span => _document.ItemsOf(_document.Record(_index));

    public Enumerator GetEnumerator() => new(_document, _index);

    IEnumerator<TemplateNode> IEnumerable<TemplateNode>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<TemplateNode>
    {
        private readonly TemplateDocument _document;
        private readonly int _first;
        private readonly int _count;
        private int _at;

        internal Enumerator(TemplateDocument document, int index)
        {
            ref readonly var record = ref document.Record(index);
            _document = document;
            _first = record.First;
            _count = TemplateDocument.CountOf(record);
            _at = -1;
        }

        public readonly TemplateNode Current => _document.NodeAt(_document.ItemAt(_first + _at));

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_at < _count;

        public void Reset() => _at = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>One key and its value in a <see cref="MappingNode"/>, read in place from its document.</summary>
public readonly struct MappingEntry
{
    private readonly TemplateDocument _document;
    private readonly int _entry;

    internal MappingEntry(TemplateDocument document, int entry)
    {
        _document = document;
        _entry = entry;
    }

    /// <summary>The key as written.</summary>
    public string Key => _document.EntryRecordAt(_entry).Key;

    /// <summary>Where the key is written.</summary>
    public SourceLocation KeyLocation
    {
        get
        {
            ref readonly var record = ref _document.EntryRecordAt(_entry);
            return new SourceLocation(_document.File, record.KeyLine, record.KeyColumn);
        }
    }

    public TemplateNode Value => _document.NodeAt(_document.EntryRecordAt(_entry).Value);
}

/// <summary>A mapping's entries in the order written, read in place.</summary>
public readonly struct MappingEntries : IReadOnlyList<MappingEntry>
{
    private readonly TemplateDocument _document;
    private readonly int _first;

    internal MappingEntries(TemplateDocument document, int first, int count)
    {
        _document = document;
        _first = first;
        Count = count;
    }

    public int Count { get; }

    public MappingEntry this[int index] => (uint)index < (uint)Count
        ? new MappingEntry(_document, _first + index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(_document, _first, Count);

    IEnumerator<MappingEntry> IEnumerable<MappingEntry>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<MappingEntry>
    {
        private readonly TemplateDocument _document;
        private readonly int _first;
        private readonly int _count;
        private int _at;

        internal Enumerator(TemplateDocument document, int first, int count)
        {
            _document = document;
            _first = first;
            _count = count;
            _at = -1;
        }

        public readonly MappingEntry Current => new(_document, _first + _at);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_at < _count;

        public void Reset() => _at = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>An object: keys in the order written. A duplicate key is a loading error, so keys are unique.</summary>
public readonly struct MappingNode
{
    internal MappingNode(TemplateDocument document, int index)
    {
        Document = document;
        Index = index;
    }

    public TemplateDocument Document { get; }

    public int Index { get; }

    public MappingEntries Entries
    {
        get
        {
            ref readonly var record = ref Document.Record(Index);
            return new MappingEntries(Document, record.First, TemplateDocument.CountOf(record));
        }
    }

    /// <summary>The entries as stored, for loops that read every entry: values by <see cref="ValueOf"/>.</summary>
    public ReadOnlySpan<EntryRecord> EntrySpan => Document.EntriesOf(Document.Record(Index));

    public int Count => TemplateDocument.CountOf(Document.Record(Index));

    public SourceLocation Location => Node.Location;

    public TemplateNode Node => new(Document, Index);

    public TemplateNode? this[string key] => Document.FindEntry(Index, key) is var at and >= 0
        ? Document.NodeAt(Document.EntryRecordAt(at).Value)
        : null;

    /// <summary>The value of an entry read from <see cref="EntrySpan"/>.</summary>
    public TemplateNode ValueOf(in EntryRecord entry) => Document.NodeAt(entry.Value);

    public MappingEntry? Entry(string key) => Document.FindEntry(Index, key) is var at and >= 0 ? new MappingEntry(Document, at) : null;

    public bool ContainsKey(string key) => Document.FindEntry(Index, key) >= 0;

    /// <summary>
    /// When this mapping is an intrinsic function (<c>Ref</c>, <c>Fn::*</c>, <c>Condition</c>),
    /// its name and argument; a one-key mapping whose key is an intrinsic's name.
    /// </summary>
    public bool TryGetIntrinsic(out string name, out TemplateNode argument)
    {
        var entries = EntrySpan;
        if (entries.Length == 1)
        {
            ref readonly var only = ref entries[0];
            if (only.Key == "Ref" || only.Key == "Condition" || only.Key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                name = only.Key;
                argument = Document.NodeAt(only.Value);
                return true;
            }
        }

        name = string.Empty;
        argument = Node;
        return false;
    }

    public static implicit operator TemplateNode(MappingNode mapping) => mapping.Node;
}
