using System.Globalization;
using System.Text;
using Rampart.Policy.Model;

namespace Rampart.Policy.Resolution;

/// <summary>What a resolved value is.</summary>
public enum ValueKind
{
    /// <summary>The property is not there (or is <c>AWS::NoValue</c>).</summary>
    Absent,
    Null,
    String,
    Number,
    Boolean,
    Mapping,
    Sequence,

    /// <summary>A <c>Ref</c> or <c>Fn::GetAtt</c> to a resource of the same template.</summary>
    ResourceReference,

    /// <summary>Cannot be known from the template: an import, a pseudo parameter, a parameter without default, a lookup.</summary>
    Unknown,
}

/// <summary>
/// Where a value sits in its resource: a path written out, or one step (a key or a list index) below another value.
/// Rules read hundreds of thousands of values and report a few: the text is composed only when asked for.
/// </summary>
internal readonly struct ValuePath
{
    // A written-out path is a name without parent; a key step has index -1. A resolved value keeps the three fields
    // inline (see Resolved), so this struct only carries them there.
    private ValuePath(Resolved? parent, string? name, int index)
    {
        Parent = parent;
        Name = name;
        Index = index;
    }

    public Resolved? Parent { get; }

    public string? Name { get; }

    public int Index { get; }

    public static ValuePath Of(string text) => new(null, text, -1);

    /// <summary>The entry <paramref name="key"/> of a mapping value (keys may hold dots: they are not split).</summary>
    public static ValuePath Child(Resolved parent, string key) => new(parent, key, -1);

    public static ValuePath Item(Resolved parent, int index) => new(parent, null, index);

    public static string Compose(Resolved? parent, string? name, int index)
    {
        if (parent is null)
        {
            return name!;
        }

        var above = parent.Path;
        if (index < 0)
        {
            return above.Length == 0 ? name! : above + "." + name;
        }

        return above + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
    }
}

/// <summary>
/// One possible value of a property after intrinsic functions are applied, the conditions under which
/// it holds, and where it was written. Mappings and sequences keep their raw children: navigating into
/// them resolves the next level (see <see cref="Rules.ResourceContext"/>).
/// </summary>
public sealed class Resolved
{
    // Kept small: a scan creates one of these per property value a rule reads (5,000 resources: over 100,000).
    // Fields are shared by kind: _value is the scalar's text, the referenced logical ID, the reason a value is
    // unknown, or the document of the mapping or sequence node (whose place there is kept in _line: such a value's
    // position is its node's). _more is the referenced attribute or the known part of an unknown
    // string; for a mapping or a sequence, the alternatives of each child (mapping entry or list item), resolved on
    // first read and then shared by every rule that reads them (see Resolver.EntryOf / ItemOf), published with
    // compare-exchange: rules of one template run on several threads, and all of them must see the same children.
    // Where the value sits (a ValuePath) and where it was written (a SourceLocation) are kept as plain fields, not
    // as the two structs: their small fields then share one 16-byte run with the kind and the flag (80 bytes in all
    // instead of 96). The path's text is composed when asked for, not kept: rules ask for it only when they report.
    private readonly Resolved? _parent;
    private readonly string? _name;
    private readonly object? _value;
    private object? _more;
    private readonly string _file;
    private readonly int _line;
    private readonly int _column;
    private readonly int _index;
    private readonly byte _kind; // a ValueKind

    private Resolved(ValueKind kind, ValuePath where, SourceLocation location, Guard guard, object? value = null, string? extra = null, bool fromDefault = false)
        : this(kind, where, location.File, location.Line, location.Column, guard, value, extra, fromDefault)
    {
    }

    private Resolved(ValueKind kind, ValuePath where, string file, int line, int column, Guard guard, object? value, string? extra, bool fromDefault)
    {
        _kind = (byte)kind;
        _parent = where.Parent;
        _name = where.Name;
        _index = where.Index;
        _file = file;
        _line = line;
        _column = column;
        Guard = guard;
        _value = value;
        _more = extra;
        FromParameterDefault = fromDefault;
    }

    /// <summary>A mapping or a list: <c>_value</c> is its document and <c>_line</c> its place there (its position is the node's).</summary>
    private Resolved(ValueKind kind, ValuePath where, TemplateNode node, Guard guard, bool fromDefault)
        : this(kind, where, node.Document.File, node.Index, 0, guard, node.Document, null, fromDefault)
    {
    }

    public ValueKind Kind => (ValueKind)_kind;

    /// <summary>The property path within the resource, e.g. <c>Properties.SecurityGroupIngress[1].CidrIp</c>.</summary>
    public string Path => ValuePath.Compose(_parent, _name, _index);

    /// <summary>Where the value (or, when absent, its closest written parent) is in the file.</summary>
    public SourceLocation Location => IsNode ? NodeValue.Location : new(_file, _line, _column);

    public Guard Guard { get; }

    /// <summary>The text of a string, or the digits of a number, or "true"/"false".</summary>
    public string? Text => Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean or ValueKind.Null ? (string?)_value : null;

    // The kind is known from the value's own: the node's record is not read to check it again.
    public MappingNode? Mapping => Kind == ValueKind.Mapping ? new MappingNode((TemplateDocument)_value!, _line) : null;

    public SequenceNode? Sequence => Kind == ValueKind.Sequence ? new SequenceNode((TemplateDocument)_value!, _line) : null;

    /// <summary>For <see cref="ValueKind.ResourceReference"/>: the logical ID referred to.</summary>
    public string? ReferencedLogicalId => Kind == ValueKind.ResourceReference ? (string?)_value : null;

    /// <summary>For <c>Fn::GetAtt</c>: the attribute; null for <c>Ref</c>.</summary>
    public string? ReferencedAttribute => Kind == ValueKind.ResourceReference ? (string?)_more : null;

    /// <summary>For <see cref="ValueKind.Unknown"/>: why it cannot be known ("imported value", "parameter Env has no default").</summary>
    public string? UnknownReason => Kind == ValueKind.Unknown ? (string?)_value : null;

    /// <summary>
    /// For an unknown string built by <c>Fn::Sub</c> or <c>Fn::Join</c>: the known parts, with each unknown part
    /// written as <c>${...}</c>. Lets a rule check a naming pattern or a literal secret in what is known.
    /// </summary>
    public string? PartialText => Kind == ValueKind.Unknown ? (string?)_more : null;

    /// <summary>True when the value came from a parameter's default, which a deployment may override.</summary>
    public bool FromParameterDefault { get; }

    public bool IsAbsent => Kind == ValueKind.Absent;

    private bool IsNode => Kind is ValueKind.Mapping or ValueKind.Sequence;

    /// <summary>For a mapping or a list: its node.</summary>
    private TemplateNode NodeValue => new((TemplateDocument)_value!, _line);

    public bool IsUnknown => Kind == ValueKind.Unknown;

    public bool IsKnownScalar => Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean;

    /// <summary>The value as a boolean: CloudFormation accepts "true"/"false" strings as well.</summary>
    public bool? AsBoolean() =>
        Kind is ValueKind.Boolean or ValueKind.String && bool.TryParse(Text, out var value) ? value : null;

    /// <summary>The value as an integer: numbers and numeric strings.</summary>
    public long? AsInteger() =>
        Kind is ValueKind.Number or ValueKind.String && long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : Kind is ValueKind.Number && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d)
                ? (long)d
                : null;

    /// <summary>The text when the value is a known string, number or boolean; otherwise null.</summary>
    public string? AsString() => IsKnownScalar ? Text : null;

    /// <summary>A short human form for messages: the value, or what it refers to, or why it is unknown.</summary>
    public string Describe() => Kind switch
    {
        ValueKind.Absent => "(not set)",
        ValueKind.Null => "null",
        ValueKind.String or ValueKind.Number or ValueKind.Boolean => Text!,
        ValueKind.Mapping => "{...}",
        ValueKind.Sequence => "[...]",
        ValueKind.ResourceReference => AppendReference(new StringBuilder()).ToString(),
        _ => PartialText is null ? $"unknown ({UnknownReason})" : $"{PartialText} (partly unknown: {UnknownReason})",
    };

    public override string ToString() => $"{Path} = {Describe()}";

    /// <summary>
    /// Writes what a <see cref="ValueKind.ResourceReference"/> refers to, as <see cref="Describe"/> words it (<c>Ref X</c>
    /// or <c>X.Attribute</c>), into <paramref name="builder"/>: Fn::Sub and Fn::Join write it without a string of its own.
    /// </summary>
    internal StringBuilder AppendReference(StringBuilder builder) => ReferencedAttribute is { } attribute
        ? builder.Append(ReferencedLogicalId).Append('.').Append(attribute)
        : builder.Append("Ref ").Append(ReferencedLogicalId);

    /// <summary>For a mapping or a sequence only (the one kind whose <c>_more</c> holds children).</summary>
    internal Alternatives? RememberedChild(int slot) =>
        Volatile.Read(ref _more) is object?[] slots && Volatile.Read(ref slots[slot]) is { } kept ? Alternatives.FromKept(kept) : null;

    /// <summary>Keeps the alternatives of child <paramref name="slot"/>, or returns those another thread kept first.</summary>
    internal Alternatives RememberChild(int slot, int slotCount, Alternatives alternatives)
    {
        var slots = (object?[]?)Volatile.Read(ref _more);
        if (slots is null)
        {
            var fresh = new object?[slotCount];
            slots = (object?[]?)Interlocked.CompareExchange(ref _more, fresh, null) ?? fresh;
        }

        return Interlocked.CompareExchange(ref slots[slot], alternatives.Kept, null) is { } first ? Alternatives.FromKept(first) : alternatives;
    }

    internal static Resolved Absent(string path, SourceLocation location, Guard guard) => Absent(ValuePath.Of(path), location, guard);

    internal static Resolved Absent(ValuePath path, SourceLocation location, Guard guard) => new(ValueKind.Absent, path, location, guard);

    internal static Resolved Scalar(ScalarNode node, ValuePath path, Guard guard, bool fromDefault) =>
        new(node.Kind switch
        {
            ScalarKind.Number => ValueKind.Number,
            ScalarKind.Boolean => ValueKind.Boolean,
            ScalarKind.Null => ValueKind.Null,
            _ => ValueKind.String,
        }, path, node.Location, guard, value: node.Text, fromDefault: fromDefault);

    internal static Resolved String(string text, string path, SourceLocation location, Guard guard, bool fromDefault = false) =>
        String(text, ValuePath.Of(path), location, guard, fromDefault);

    internal static Resolved String(string text, ValuePath path, SourceLocation location, Guard guard, bool fromDefault = false) =>
        new(ValueKind.String, path, location, guard, value: text, fromDefault: fromDefault);

    internal static Resolved OfMapping(MappingNode node, ValuePath path, Guard guard, bool fromDefault) =>
        new(ValueKind.Mapping, path, node.Node, guard, fromDefault);

    internal static Resolved OfSequence(SequenceNode node, ValuePath path, Guard guard, bool fromDefault) =>
        new(ValueKind.Sequence, path, node.Node, guard, fromDefault);

    internal static Resolved Reference(string logicalId, string? attribute, string path, SourceLocation location, Guard guard) =>
        Reference(logicalId, attribute, ValuePath.Of(path), location, guard);

    internal static Resolved Reference(string logicalId, string? attribute, ValuePath path, SourceLocation location, Guard guard) =>
        new(ValueKind.ResourceReference, path, location, guard, value: logicalId, extra: attribute);

    internal static Resolved Unknown(string reason, ValuePath path, SourceLocation location, Guard guard, string? partialText = null) =>
        new(ValueKind.Unknown, path, location, guard, value: reason, extra: partialText);

    internal Resolved With(string path, Guard guard) => With(ValuePath.Of(path), guard);

    internal Resolved With(ValuePath path, Guard guard) => IsNode
        ? new(Kind, path, NodeValue, guard, FromParameterDefault)
        : new(Kind, path, _file, _line, _column, guard, _value, (string?)_more, FromParameterDefault);
}
