using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Rampart.Policy.Model;

namespace Rampart.Policy.Resolution;

/// <summary>
/// Applies CloudFormation's intrinsic functions to one template's nodes, lazily, one level at a time.
/// What the template cannot tell (imports, pseudo parameters, parameters without default, Fn::GetAZs)
/// becomes an explicit <see cref="ValueKind.Unknown"/>; both branches of every <c>Fn::If</c> are followed
/// under a <see cref="Guard"/>. Stateless apart from a cache of constant conditions: safe to share per template.
/// </summary>
public sealed class Resolver
{
    /// <summary>At most this many alternatives per value; beyond it the value becomes unknown (bounded cost).</summary>
    public const int MaxAlternatives = 64;

    private readonly Template _template;
    /// <summary>Why each pseudo parameter is unknown, and its <c>${...}</c> form: written once, not per reference.</summary>
    private static readonly FrozenDictionary<string, (string Reason, string Placeholder)> PseudoParameters =
        new[] { "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix" }
            .ToFrozenDictionary(name => name, name => Unknowable("pseudo parameter " + name, name), StringComparer.Ordinal);

    private readonly Dictionary<string, bool?> _constantConditions = new(StringComparer.Ordinal);

    /// <summary>The same for the template's parameters without a default (declared as a mapping), written once when the resolver is made.</summary>
    private readonly Dictionary<string, (string Reason, string Placeholder)> _parametersWithoutDefault = new(StringComparer.Ordinal);
    private readonly bool _sealed;

    public Resolver(Template template)
    {
        _template = template;

        // Every condition is judged here, once: afterwards the cache is only read, so rules may resolve on several threads.
        foreach (var condition in template.Conditions.Entries)
        {
            ConstantCondition(condition.Key);
        }

        foreach (var parameter in template.Parameters.Entries)
        {
            if (parameter.Value.AsMapping() is { } declaration && declaration["Default"] is null)
            {
                _parametersWithoutDefault[parameter.Key] = Unknowable($"parameter {parameter.Key} has no default", parameter.Key);
            }
        }

        _sealed = true;
    }

    public Template Template => _template;

    /// <summary>The alternatives of a node (null = absent), with <paramref name="path"/> as their path.</summary>
    public IEnumerable<Resolved> Resolve(TemplateNode? node, string path, Guard guard, SourceLocation parentLocation) =>
        ResolveNode(node, ValuePath.Of(path), guard, parentLocation, fromDefault: false);

    /// <summary>The same, for a value one step below another (its path is composed only if a rule reports it).</summary>
    internal IEnumerable<Resolved> Resolve(TemplateNode? node, ValuePath path, Guard guard, SourceLocation parentLocation) =>
        ResolveNode(node, path, guard, parentLocation, fromDefault: false);

    /// <summary>
    /// The alternatives of the entry <paramref name="key"/> of a mapping value (one absent value when there is none),
    /// resolved once per value: every rule that reads the same property of the same resource shares them.
    /// </summary>
    internal Alternatives EntryOf(Resolved mapping, string key)
    {
        var node = mapping.Mapping!.Value;
        var entries = node.EntrySpan;
        for (var slot = 0; slot < entries.Length; slot++)
        {
            if (string.Equals(entries[slot].Key, key, StringComparison.Ordinal))
            {
                return mapping.RememberedChild(slot)
                    ?? mapping.RememberChild(slot, entries.Length, ChildAlternatives(node.ValueOf(entries[slot]), ValuePath.Child(mapping, key), mapping));
            }
        }

        return new Alternatives(Resolved.Absent(ValuePath.Child(mapping, key), mapping.Location, mapping.Guard));
    }

    /// <summary>The alternatives of item <paramref name="index"/> of a sequence value, resolved once per value.</summary>
    internal Alternatives ItemOf(Resolved sequence, int index)
    {
        var items = sequence.Sequence!.Value.Items;
        return sequence.RememberedChild(index)
            ?? sequence.RememberChild(index, items.Count, ChildAlternatives(items[index], ValuePath.Item(sequence, index), sequence));
    }

    /// <summary>The alternatives of a child node: most values are written plainly (one alternative, no array).</summary>
    private Alternatives ChildAlternatives(TemplateNode node, ValuePath path, Resolved parent) =>
        Plain(node, path, parent.Guard, parent.Location, fromDefault: false) is { } plain
            ? new Alternatives(plain)
            : new Alternatives(ResolveComputed(node, path, parent.Guard, fromDefault: false));

    /// <summary>
    /// The alternatives of a node, as a new array (one allocation, and callers loop over it without an enumerator);
    /// arrays kept as a value's children are shared, so none is changed after it is returned.
    /// </summary>
    private Resolved[] ResolveNode(TemplateNode? node, ValuePath path, Guard guard, SourceLocation parentLocation, bool fromDefault) =>
        Plain(node, path, guard, parentLocation, fromDefault) is { } plain
            ? [plain]
            : ResolveComputed(node!.Value, path, guard, fromDefault);

    /// <summary>The alternatives of a node that <see cref="Plain"/> does not take: an intrinsic function.</summary>
    private Resolved[] ResolveComputed(TemplateNode node, ValuePath path, Guard guard, bool fromDefault) =>
        node.TryGetMapping(out var mapping) && mapping.TryGetIntrinsic(out var name, out var argument)
            ? ResolveIntrinsic(name, argument, mapping, path, guard, fromDefault)
            : [Resolved.Unknown("unsupported node", path, node.Location, guard)];

    /// <summary>The one value of a node that needs no intrinsic function (absent, scalar, list, plain mapping); else null.</summary>
    private static Resolved? Plain(TemplateNode? node, ValuePath path, Guard guard, SourceLocation parentLocation, bool fromDefault)
    {
        if (node is not { } written)
        {
            return Resolved.Absent(path, parentLocation, guard);
        }

        if (written.TryGetScalar(out var scalar))
        {
            return Resolved.Scalar(scalar, path, guard, fromDefault);
        }

        if (written.TryGetSequence(out var sequence))
        {
            return Resolved.OfSequence(sequence, path, guard, fromDefault);
        }

        var mapping = written.AsMapping()!.Value;
        return mapping.TryGetIntrinsic(out _, out _) ? null : Resolved.OfMapping(mapping, path, guard, fromDefault);
    }

    private Resolved[] ResolveIntrinsic(string name, TemplateNode argument, MappingNode at, ValuePath path, Guard guard, bool fromDefault)
    {
        var location = at.Location;
        switch (name)
        {
            case "Ref":
                return argument.AsScalar() is { } target
                    ? ResolveRef(target.Text, path, location, guard)
                    : [Resolved.Unknown("Ref needs a name", path, location, guard)];
            case "Fn::GetAtt":
                return ResolveGetAtt(argument, path, location, guard);
            case "Fn::If":
                return ResolveIf(argument, path, guard, location, fromDefault);
            case "Fn::Sub":
                return ResolveSub(argument, path, location, guard);
            case "Fn::Join":
                return ResolveJoin(argument, path, location, guard);
            case "Fn::Select":
                return ResolveSelect(argument, path, location, guard);
            case "Fn::Split":
                return ResolveSplit(argument, path, location, guard);
            case "Fn::FindInMap":
                return ResolveFindInMap(argument, path, location, guard);
            case "Fn::Base64":
                return ResolveNode(argument, path, guard, location, fromDefault);
            case "Fn::ImportValue":
                return [Resolved.Unknown("imported value (Fn::ImportValue)", path, location, guard)];
            case "Fn::GetAZs":
                return [Resolved.Unknown("availability zones of the deployment region (Fn::GetAZs)", path, location, guard)];
            default:
                return [Resolved.Unknown($"{name} is evaluated at deployment", path, location, guard)];
        }
    }

    private Resolved[] ResolveRef(string target, ValuePath path, SourceLocation location, Guard guard)
    {
        if (target == "AWS::NoValue")
        {
            return [Resolved.Absent(path, location, guard)];
        }

        if (target.StartsWith("AWS::", StringComparison.Ordinal))
        {
            var (reason, placeholder) = PseudoParameters.TryGetValue(target, out var known) ? known : Unknowable("pseudo parameter " + target, target);
            return [Resolved.Unknown(reason, path, location, guard, placeholder)];
        }

        if (_parametersWithoutDefault.TryGetValue(target, out var noDefault))
        {
            return [Resolved.Unknown(noDefault.Reason, path, location, guard, noDefault.Placeholder)];
        }

        if (_template.Parameters[target]?.AsMapping() is { } parameter && parameter["Default"] is { } defaultValue)
        {
            return Literal(defaultValue, path, guard, location, fromDefault: true, $"the default of parameter {target}");
        }

        return _template.FindResource(target) is not null
            ? [Resolved.Reference(target, null, path, location, guard)]
            : [Resolved.Unknown($"Ref to {target}, which the template does not define", path, location, guard)];
    }

    /// <summary>
    /// A value CloudFormation takes only as written (a parameter's default, a mapping's value): an intrinsic function
    /// there is not applied but unknown. Applying it could loop: a default that refers to its own parameter, a mapping
    /// value that looks itself up.
    /// </summary>
    private static Resolved[] Literal(TemplateNode node, ValuePath path, Guard guard, SourceLocation location, bool fromDefault, string what) =>
        Plain(node, path, guard, location, fromDefault) is { } plain
            ? [plain]
            : [Resolved.Unknown($"{what} is an intrinsic function, which CloudFormation does not accept there", path, location, guard)];

    /// <summary>Why a name is unknown, and how it stands in a built string.</summary>
    private static (string Reason, string Placeholder) Unknowable(string reason, string name) => (reason, "${" + name + "}");

    private Resolved[] ResolveGetAtt(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        string? logicalId = null;
        string? attribute = null;
        if (argument.AsSequence() is { Count: 2 } pair && pair.Items[0].AsScalar() is { } id)
        {
            logicalId = id.Text;
            attribute = pair.Items[1].AsScalar()?.Text;
        }
        else if (argument.AsScalar() is { } dotted)
        {
            return ResolveGetAtt(dotted.Text, path, location, guard);
        }

        return ResolveGetAtt(logicalId, attribute, path, location, guard);
    }

    /// <summary><c>Fn::GetAtt</c> written as one dotted name, as in <c>${Resource.Attribute}</c>.</summary>
    private Resolved[] ResolveGetAtt(string dotted, ValuePath path, SourceLocation location, Guard guard) =>
        dotted.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
            ? ResolveGetAtt(dotted[..dot], dotted[(dot + 1)..], path, location, guard)
            : ResolveGetAtt(null, null, path, location, guard);

    private Resolved[] ResolveGetAtt(string? logicalId, string? attribute, ValuePath path, SourceLocation location, Guard guard)
    {
        if (logicalId is null || attribute is null)
        {
            return [Resolved.Unknown("Fn::GetAtt needs a resource and an attribute", path, location, guard)];
        }

        return _template.FindResource(logicalId) is not null
            ? [Resolved.Reference(logicalId, attribute, path, location, guard)]
            : [Resolved.Unknown($"Fn::GetAtt of {logicalId}, which the template does not define", path, location, guard)];
    }

    private Resolved[] ResolveIf(TemplateNode argument, ValuePath path, Guard guard, SourceLocation location, bool fromDefault)
    {
        if (argument.AsSequence() is not { Count: 3 } items || items.Items[0].AsScalar() is not { } condition)
        {
            return [Resolved.Unknown("Fn::If needs [condition, then, else]", path, location, guard)];
        }

        var constant = ConstantCondition(condition.Text);
        if (constant is not null)
        {
            return ResolveNode(items.Items[constant.Value ? 1 : 2], path, guard, location, fromDefault);
        }

        // Both branches, the true one first, each under its guard; a branch the guard rules out gives nothing.
        var gathered = default(Gathered);
        for (var branch = 1; branch <= 2; branch++)
        {
            if (guard.And(condition.Text, branch == 1) is { } branchGuard)
            {
                gathered.Add(ResolveNode(items.Items[branch], path, branchGuard, location, fromDefault));
            }
        }

        return gathered.ToArray();
    }

    private Resolved[] ResolveSub(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        var format = argument;
        MappingNode? variables = null;
        if (argument.AsSequence() is { Count: >= 1 } list)
        {
            format = list.Items[0];
            variables = list.Count > 1 ? list.Items[1].AsMapping() : null;
        }

        if (format.AsScalar() is not { } text)
        {
            return [Resolved.Unknown("Fn::Sub needs a string", path, location, guard)];
        }

        var source = text.Text;
        if (SubstituteSingle(source, variables, path, location, guard) is { } single)
        {
            return single;
        }

        // Split "a${X}b${!Literal}" into literal parts and variable parts, then combine alternatives.
        var parts = new List<IReadOnlyList<Resolved>>();
        var position = 0;
        while (position < source.Length)
        {
            var start = source.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : source.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                parts.Add([Resolved.String(source[position..], path, location, guard)]);
                break;
            }

            if (start > position)
            {
                parts.Add([Resolved.String(source[position..start], path, location, guard)]);
            }

            var variable = source[(start + 2)..end];
            parts.Add(variable.StartsWith('!')
                ? [Resolved.String("${" + variable[1..] + "}", path, location, guard)]
                : SubVariable(variable, variables, path, location, guard));

            position = end + 1;
        }

        return [.. Concatenate(parts, string.Empty, path, location, guard, "Fn::Sub")];
    }

    /// <summary>
    /// <c>Fn::Sub</c> when every variable has one alternative (nearly always): the text built in one pass, without a
    /// value per literal part. Null when some variable has several alternatives or none (the general path combines them).
    /// </summary>
    private Resolved[]? SubstituteSingle(string source, MappingNode? variables, ValuePath path, SourceLocation location, Guard guard)
    {
        var text = new SingleText(guard, "Fn::Sub", string.Empty);
        var position = 0;
        while (position < source.Length)
        {
            var start = source.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : source.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                text.AppendLiteral(source.AsSpan(position));
                break;
            }

            text.AppendLiteral(source.AsSpan(position, start - position));
            if (source[start + 2] == '!')
            {
                text.AppendLiteral("${");
                text.AppendLiteral(source.AsSpan(start + 3, end - start - 3));
                text.AppendLiteral("}");
            }
            else
            {
                if (Only(SubVariable(source[(start + 2)..end], variables, path, location, guard)) is not { } part)
                {
                    text.Abandon();
                    return null;
                }

                text.Append(part, first: false);
            }

            position = end + 1;
        }

        return text.Result(path, location);
    }

    /// <summary>The alternatives of <c>${variable}</c> in a <c>Fn::Sub</c>: one of its own variables, <c>${Resource.Attribute}</c> or a <c>Ref</c>.</summary>
    private Resolved[] SubVariable(string variable, MappingNode? variables, ValuePath path, SourceLocation location, Guard guard) =>
        variables?[variable] is { } bound
            ? ResolveNode(bound, path, guard, location, false)
            : variable.IndexOf('.', StringComparison.Ordinal) > 0
                ? ResolveGetAtt(variable, path, location, guard)
                : ResolveRef(variable, path, location, guard);

    /// <summary>The one alternative, or null when there are none or several.</summary>
    private static Resolved? Only(Resolved[] alternatives) => alternatives.Length == 1 ? alternatives[0] : null;

    private Resolved[] ResolveJoin(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        if (argument.AsSequence() is not { Count: 2 } pair || pair.Items[0].AsScalar() is not { } delimiter)
        {
            return [Resolved.Unknown("Fn::Join needs [delimiter, list]", path, location, guard)];
        }

        var results = new List<Resolved>();
        foreach (var list in ResolveNode(pair.Items[1], path, guard, location, false))
        {
            if (list.Kind != ValueKind.Sequence)
            {
                results.Add(Resolved.Unknown("Fn::Join of a list that is not known", path, location, list.Guard));
                continue;
            }

            var items = list.Sequence!.Value.Items;
            var parts = new List<IReadOnlyList<Resolved>>(items.Count);
            foreach (var item in items)
            {
                parts.Add(ResolveNode(item, path, list.Guard, location, false));
            }

            results.AddRange(Concatenate(parts, delimiter.Text, path, location, list.Guard, "Fn::Join"));
        }

        return [.. results];
    }

    /// <summary>Combines the alternatives of each part into strings, keeping guards consistent and the count bounded.</summary>
    private static IEnumerable<Resolved> Concatenate(List<IReadOnlyList<Resolved>> parts, string delimiter, ValuePath path, SourceLocation location, Guard guard, string function)
    {
        if (parts.TrueForAll(part => part.Count == 1))
        {
            return ConcatenateSingle(parts, delimiter, path, location, guard, function);
        }

        var partial = new List<(Guard Guard, StringBuilder Text, string? UnknownReason, bool FromDefault)> { (guard, new StringBuilder(), null, false) };
        for (var index = 0; index < parts.Count; index++)
        {
            var next = new List<(Guard, StringBuilder, string?, bool)>();
            foreach (var (soFar, text, unknown, fromDefault) in partial)
            {
                foreach (var part in parts[index])
                {
                    var combined = soFar.And(part.Guard);
                    if (combined is null)
                    {
                        continue;
                    }

                    if (part.Kind == ValueKind.Absent)
                    {
                        next.Add((combined, new StringBuilder(text.ToString()), unknown, fromDefault));
                        continue;
                    }

                    var piece = part.IsKnownScalar ? part.Text : part.Kind == ValueKind.Unknown ? part.PartialText ?? "${?}" : $"${{{part.Describe()}}}";
                    var reason = part.IsKnownScalar ? unknown : unknown ?? (part.Kind == ValueKind.Unknown ? part.UnknownReason : $"{function} of a resource attribute");
                    var builder = new StringBuilder(text.ToString());
                    if (index > 0)
                    {
                        builder.Append(delimiter);
                    }

                    builder.Append(piece);
                    next.Add((combined, builder, reason, fromDefault || part.FromParameterDefault));
                }
            }

            if (next.Count > MaxAlternatives)
            {
                return [Resolved.Unknown($"{function} with too many alternatives", path, location, guard)];
            }

            partial = next;
        }

        return partial.Select(p => p.UnknownReason is null
            ? Resolved.String(p.Text.ToString(), path, location, p.Guard, p.FromDefault)
            : Resolved.Unknown(p.UnknownReason, path, location, p.Guard, p.Text.ToString()));
    }

    /// <summary>
    /// <see cref="Concatenate"/> when every part has one alternative (most Fn::Sub and Fn::Join): one builder, the same
    /// result (one value, or none when the parts' guards contradict).
    /// </summary>
    private static IEnumerable<Resolved> ConcatenateSingle(List<IReadOnlyList<Resolved>> parts, string delimiter, ValuePath path, SourceLocation location, Guard guard, string function)
    {
        var text = new SingleText(guard, function, delimiter);
        for (var index = 0; index < parts.Count; index++)
        {
            text.Append(parts[index][0], first: index == 0);
        }

        return text.Result(path, location);
    }

    /// <summary>
    /// A string built from parts of one alternative each: known parts give their text, an unknown part its known text
    /// (or <c>${?}</c>) and makes the whole unknown, a resource reference <c>${Ref X}</c>; absent parts are left out. The
    /// guards of the parts are combined; when they contradict, the string has no alternative at all.
    /// </summary>
    private struct SingleText(Guard guard, string function, string delimiter)
    {
        private readonly StringBuilder _text = ReusedBuilder.Take();
        private Guard? _guard = guard;
        private string? _unknown;
        private bool _fromDefault;

        public readonly void AppendLiteral(ReadOnlySpan<char> literal) => _text.Append(literal);

        public void Append(Resolved part, bool first)
        {
            if (_guard?.And(part.Guard) is not { } combined)
            {
                _guard = null;
                return;
            }

            _guard = combined;
            if (part.Kind == ValueKind.Absent)
            {
                return;
            }

            _unknown = part.IsKnownScalar ? _unknown : _unknown ?? (part.Kind == ValueKind.Unknown ? part.UnknownReason : OfResourceAttribute(function));
            if (!first)
            {
                _text.Append(delimiter);
            }

            // Written into the builder piece by piece, a reference as Describe() words it: ${Ref X} or ${X.Attribute}.
            if (part.IsKnownScalar)
            {
                _text.Append(part.Text);
            }
            else if (part.Kind == ValueKind.Unknown)
            {
                _text.Append(part.PartialText ?? "${?}");
            }
            else if (part.Kind == ValueKind.ResourceReference)
            {
                part.AppendReference(_text.Append("${")).Append('}');
            }
            else
            {
                _text.Append("${").Append(part.Describe()).Append('}');
            }

            _fromDefault = _fromDefault || part.FromParameterDefault;
        }

        public readonly Resolved[] Result(ValuePath path, SourceLocation location)
        {
            var text = ReusedBuilder.Release(_text);
            return _guard is not { } guard ? []
                : _unknown is null ? [Resolved.String(text, path, location, guard, _fromDefault)]
                : [Resolved.Unknown(_unknown, path, location, guard, text)];
        }

        /// <summary>Gives the builder back without a result (the general path takes over).</summary>
        public readonly void Abandon() => ReusedBuilder.Return(_text);

        private static string OfResourceAttribute(string function) => function switch
        {
            "Fn::Sub" => "Fn::Sub of a resource attribute",
            "Fn::Join" => "Fn::Join of a resource attribute",
            _ => $"{function} of a resource attribute",
        };
    }

    /// <summary>
    /// One builder per thread for the strings of Fn::Sub and Fn::Join (a scan builds tens of thousands): taken while in
    /// use, so a nested one (a Fn::Sub inside a Fn::Join) gets a new builder of its own.
    /// </summary>
    private static class ReusedBuilder
    {
        private const int MaxKeptCapacity = 4096;

        [ThreadStatic]
        private static StringBuilder? _kept;

        public static StringBuilder Take()
        {
            var builder = _kept ?? new StringBuilder(256);
            _kept = null;
            return builder.Clear();
        }

        public static string Release(StringBuilder builder)
        {
            var text = builder.ToString();
            Return(builder);
            return text;
        }

        public static void Return(StringBuilder builder)
        {
            if (builder.Capacity <= MaxKeptCapacity)
            {
                _kept = builder;
            }
        }
    }

    private Resolved[] ResolveSelect(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        if (argument.AsSequence() is not { Count: 2 } pair)
        {
            return [Resolved.Unknown("Fn::Select needs [index, list]", path, location, guard)];
        }

        var gathered = default(Gathered);
        foreach (var index in ResolveNode(pair.Items[0], path, guard, location, false))
        {
            foreach (var list in ResolveNode(pair.Items[1], path, index.Guard, location, false))
            {
                if (index.AsInteger() is not { } i || list.Kind != ValueKind.Sequence)
                {
                    gathered.Add(Resolved.Unknown("Fn::Select of a value not known", path, location, list.Guard));
                }
                else if (i < 0 || i >= list.Sequence!.Value.Count)
                {
                    gathered.Add(Resolved.Unknown($"Fn::Select index {i} is out of range", path, location, list.Guard));
                }
                else
                {
                    gathered.Add(ResolveNode(list.Sequence.Value.Items[(int)i], path, list.Guard, location, list.FromParameterDefault));
                }
            }
        }

        return gathered.ToArray();
    }

    private Resolved[] ResolveSplit(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        if (argument.AsSequence() is not { Count: 2 } pair || pair.Items[0].AsScalar() is not { } delimiter)
        {
            return [Resolved.Unknown("Fn::Split needs [delimiter, string]", path, location, guard)];
        }

        var gathered = default(Gathered);
        foreach (var source in ResolveNode(pair.Items[1], path, guard, location, false))
        {
            if (source.AsString() is not { } text)
            {
                gathered.Add(Resolved.Unknown("Fn::Split of a string not known", path, location, source.Guard));
                continue;
            }

            // The pieces are values no file holds: a small document of their own, placed where the Fn::Split is.
            var pieces = text.Split(delimiter.Text);
            var document = new TemplateDocument(location.File, pieces.Length + 1, 0);
            var items = new int[pieces.Length];
            for (var i = 0; i < pieces.Length; i++)
            {
                items[i] = document.AddScalar(pieces[i], ScalarKind.String, location.Line, location.Column);
            }

            var list = document.Node(document.AddSequence(items, location.Line, location.Column)).AsSequence()!.Value;
            gathered.Add(Resolved.OfSequence(list, path, source.Guard, source.FromParameterDefault));
        }

        return gathered.ToArray();
    }

    private Resolved[] ResolveFindInMap(TemplateNode argument, ValuePath path, SourceLocation location, Guard guard)
    {
        if (argument.AsSequence() is not { Count: >= 3 } keys)
        {
            return [Resolved.Unknown("Fn::FindInMap needs [map, key, key]", path, location, guard)];
        }

        var gathered = default(Gathered);
        foreach (var map in ResolveNode(keys.Items[0], path, guard, location, false))
        {
            foreach (var top in ResolveNode(keys.Items[1], path, map.Guard, location, false))
            {
                foreach (var second in ResolveNode(keys.Items[2], path, top.Guard, location, false))
                {
                    if (map.AsString() is not { } mapName || top.AsString() is not { } topKey || second.AsString() is not { } secondKey)
                    {
                        gathered.Add(Resolved.Unknown("Fn::FindInMap with a key not known", path, location, second.Guard));
                        continue;
                    }

                    var value = _template.Mappings[mapName]?.AsMapping()?[topKey]?.AsMapping()?[secondKey];
                    gathered.Add(value is not { } found
                        ? [Resolved.Unknown($"mapping {mapName}.{topKey}.{secondKey} is not defined", path, location, second.Guard)]
                        : Literal(found, path, second.Guard, location, fromDefault: false, $"mapping {mapName}.{topKey}.{secondKey}"));
                }
            }
        }

        return gathered.ToArray();
    }

    /// <summary>
    /// The alternatives an intrinsic function gathers from its arguments' alternatives, in order. Nearly always one
    /// batch (every argument has one alternative): that batch, a new array from <see cref="ResolveNode"/>, is the
    /// result as it is, with no iterator and no copy; a list only when there are several.
    /// </summary>
    private struct Gathered
    {
        private Resolved[]? _only;
        private List<Resolved>? _several;

        public void Add(Resolved value) => Add([value]);

        public void Add(Resolved[] batch)
        {
            if (_several is not null)
            {
                _several.AddRange(batch);
            }
            else if (_only is null)
            {
                _only = batch;
            }
            else
            {
                _several = [.. _only, .. batch];
            }
        }

        public readonly Resolved[] ToArray() => _several is not null ? [.. _several] : _only ?? [];
    }

    /// <summary>The value of a condition when it holds whatever the deployment (only literals compared); otherwise null.</summary>
    public bool? ConstantCondition(string name)
    {
        if (_constantConditions.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (_sealed)
        {
            return null; // not a condition of the template
        }

        _constantConditions[name] = null; // a cycle is not constant
        var value = EvaluateConstant(_template.Conditions[name], depth: 0);
        _constantConditions[name] = value;
        return value;
    }

    private bool? EvaluateConstant(TemplateNode? node, int depth)
    {
        if (depth > 64 || node?.AsMapping() is not { } mapping || !mapping.TryGetIntrinsic(out var name, out var argument))
        {
            return null;
        }

        // Typed as the interface on both branches: `[]` as the struct SequenceItems would be a handle to no document.
        IReadOnlyList<TemplateNode> operands = argument.AsSequence() is { } list ? list.Items : Array.Empty<TemplateNode>();
        switch (name)
        {
            case "Condition" when argument.AsScalar() is { } other:
                return ConstantCondition(other.Text);
            case "Fn::Not" when operands.Count == 1:
                return !EvaluateConstant(operands[0], depth + 1);

            // Without operands (an empty list, or an argument that is not a list) a condition is malformed, not constant:
            // as true or false it would decide for the rules whether its resources exist.
            case "Fn::And" when operands.Count > 0:
                {
                    var values = operands.Select(o => EvaluateConstant(o, depth + 1)).ToList();
                    return values.Any(v => v == false) ? false : values.All(v => v == true) ? true : null;
                }

            case "Fn::Or" when operands.Count > 0:
                {
                    var values = operands.Select(o => EvaluateConstant(o, depth + 1)).ToList();
                    return values.Any(v => v == true) ? true : values.All(v => v == false) ? false : null;
                }

            case "Fn::Equals" when operands.Count == 2 && operands[0].AsScalar() is { } left && operands[1].AsScalar() is { } right:
                return string.Equals(left.Text, right.Text, StringComparison.Ordinal);
            default:
                return null;
        }
    }

    /// <summary>Formats a number the way templates write it (for messages).</summary>
    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
