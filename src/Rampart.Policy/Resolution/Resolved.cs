using System.Globalization;
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
/// One possible value of a property after intrinsic functions are applied, the conditions under which
/// it holds, and where it was written. Mappings and sequences keep their raw children: navigating into
/// them resolves the next level (see <see cref="Rules.ResourceContext"/>).
/// </summary>
public sealed class Resolved
{
    private Resolved(ValueKind kind, string path, SourceLocation location, Guard guard)
    {
        Kind = kind;
        Path = path;
        Location = location;
        Guard = guard;
    }

    public ValueKind Kind { get; private init; }

    /// <summary>The property path within the resource, e.g. <c>Properties.SecurityGroupIngress[1].CidrIp</c>.</summary>
    public string Path { get; private init; }

    /// <summary>Where the value (or, when absent, its closest written parent) is in the file.</summary>
    public SourceLocation Location { get; private init; }

    public Guard Guard { get; private init; }

    /// <summary>The text of a string, or the digits of a number, or "true"/"false".</summary>
    public string? Text { get; private init; }

    public MappingNode? Mapping { get; private init; }

    public SequenceNode? Sequence { get; private init; }

    /// <summary>For <see cref="ValueKind.ResourceReference"/>: the logical ID referred to.</summary>
    public string? ReferencedLogicalId { get; private init; }

    /// <summary>For <c>Fn::GetAtt</c>: the attribute; null for <c>Ref</c>.</summary>
    public string? ReferencedAttribute { get; private init; }

    /// <summary>For <see cref="ValueKind.Unknown"/>: why it cannot be known ("imported value", "parameter Env has no default").</summary>
    public string? UnknownReason { get; private init; }

    /// <summary>
    /// For an unknown string built by <c>Fn::Sub</c> or <c>Fn::Join</c>: the known parts, with each unknown part
    /// written as <c>${...}</c>. Lets a rule check a naming pattern or a literal secret in what is known.
    /// </summary>
    public string? PartialText { get; private init; }

    /// <summary>True when the value came from a parameter's default, which a deployment may override.</summary>
    public bool FromParameterDefault { get; private init; }

    public bool IsAbsent => Kind == ValueKind.Absent;

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
        ValueKind.ResourceReference => ReferencedAttribute is null ? $"Ref {ReferencedLogicalId}" : $"{ReferencedLogicalId}.{ReferencedAttribute}",
        _ => PartialText is null ? $"unknown ({UnknownReason})" : $"{PartialText} (partly unknown: {UnknownReason})",
    };

    public override string ToString() => $"{Path} = {Describe()}";

    internal static Resolved Absent(string path, SourceLocation location, Guard guard) => new(ValueKind.Absent, path, location, guard);

    internal static Resolved Scalar(ScalarNode node, string path, Guard guard, bool fromDefault) =>
        new(node.Kind switch
        {
            ScalarKind.Number => ValueKind.Number,
            ScalarKind.Boolean => ValueKind.Boolean,
            ScalarKind.Null => ValueKind.Null,
            _ => ValueKind.String,
        }, path, node.Location, guard)
        { Text = node.Text, FromParameterDefault = fromDefault };

    internal static Resolved String(string text, string path, SourceLocation location, Guard guard, bool fromDefault = false) =>
        new(ValueKind.String, path, location, guard) { Text = text, FromParameterDefault = fromDefault };

    internal static Resolved OfMapping(MappingNode node, string path, Guard guard, bool fromDefault) =>
        new(ValueKind.Mapping, path, node.Location, guard) { Mapping = node, FromParameterDefault = fromDefault };

    internal static Resolved OfSequence(SequenceNode node, string path, Guard guard, bool fromDefault) =>
        new(ValueKind.Sequence, path, node.Location, guard) { Sequence = node, FromParameterDefault = fromDefault };

    internal static Resolved Reference(string logicalId, string? attribute, string path, SourceLocation location, Guard guard) =>
        new(ValueKind.ResourceReference, path, location, guard) { ReferencedLogicalId = logicalId, ReferencedAttribute = attribute };

    internal static Resolved Unknown(string reason, string path, SourceLocation location, Guard guard, string? partialText = null) =>
        new(ValueKind.Unknown, path, location, guard) { UnknownReason = reason, PartialText = partialText };

    internal Resolved With(string path, Guard guard) => new(Kind, path, Location, guard)
    {
        Text = Text,
        Mapping = Mapping,
        Sequence = Sequence,
        ReferencedLogicalId = ReferencedLogicalId,
        ReferencedAttribute = ReferencedAttribute,
        UnknownReason = UnknownReason,
        PartialText = PartialText,
        FromParameterDefault = FromParameterDefault,
    };
}
