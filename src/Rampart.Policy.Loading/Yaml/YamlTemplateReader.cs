using Rampart.Policy.Loading.Text;
using Rampart.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rampart.Policy.Loading.Yaml;

/// <summary>
/// Reads YAML into a <see cref="TemplateDocument"/> from YamlDotNet's event stream, keeping the line
/// and column of every node and key. Short-form tags become their long form; anchors are shared, not
/// copied (an alias reuses the anchored node's index), and every alias counts at its full size against
/// <see cref="LoadLimits.MaxNodes"/>; merge keys (<c>&lt;&lt;</c>) are applied as
/// <c>aws cloudformation package</c> does. One instance per file.
/// </summary>
internal sealed class YamlTemplateReader(string file, LoadLimits limits)
{
    private const string StandardTagPrefix = "tag:yaml.org,2002:";
    private const string MergeKey = "<<";

    // The document's arrays are sized from the text once, so that they rarely grow: the benchmark's YAML holds one
    // value per 24 characters and one mapping entry per 30.5, the hand-written test templates one per 19.5-28.6
    // and 21-32; a little headroom on both.
    private const int CharactersPerNode = 22;
    private const int CharactersPerEntry = 28;

    private const int NoNode = -1;

    private readonly StringPool _strings = new();
    private readonly ScratchStack<EntryRecord> _entries = new();
    private readonly ScratchStack<int> _items = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private NodeBudget _budget = new(limits.MaxNodes);
    private string _text = string.Empty;
    private TemplateDocument _document = null!;
    private int _root = NoNode;
    private LoadFailure? _deferred;

    private enum TagMeaning
    {
        None,
        Intrinsic,
        String,
        Number,
        Boolean,
        Null,
    }

    public DocumentContent Read(string text)
    {
        _text = text;
        _document = new TemplateDocument(file, text.Length / CharactersPerNode, text.Length / CharactersPerEntry);
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var parser = new Parser(scanner);
        if (!MoveNext(parser, scanner) || !MoveNext(parser, scanner) || parser.Current is StreamEnd)
        {
            return new DocumentContent(null, null);
        }

        // parser.Current is the first DocumentStart.
        while (MoveNext(parser, scanner) && parser.Current is not DocumentEnd)
        {
            OnEvent(parser.Current!);
        }

        var second = MoveNext(parser, scanner) && parser.Current is DocumentStart next ? At(next.Start) : (SourceLocation?)null;
        return new DocumentContent(_root == NoNode ? null : _document.Node(_root), _deferred, second);
    }

    /// <summary>Advances the parser, turning its exceptions into one positioned message.</summary>
    private bool MoveNext(Parser parser, Scanner scanner)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException ex)
        {
            // A scanner error spanning lines ("while scanning a quoted scalar, found unexpected end
            // of stream") is about where it ended; a one-line one is about where it starts.
            var spansLines = ex.End.Line > ex.Start.Line;
            var mark = spansLines ? ex.End : ex.Start;
            var message = Sentence(ex.Message);
            if (spansLines)
            {
                message += $" (it starts at {ex.Start.Line}:{ex.Start.Column})";
            }

            throw new LoadFailure((int)mark.Line, (int)mark.Column, message);
        }
        catch (Exception ex) when (ex is not LoadFailure)
        {
            // YamlDotNet 16 throws InvalidOperationException on some unclosed flow collections, with no reason of its own
            // (e.g. "- a\n! [ b: c\nd: e": the scanner fails before the parser has seen the "[").
            var at = scanner.CurrentPosition;
            throw new LoadFailure((int)at.Line, (int)at.Column, UnclosedFlowMessage()
                ?? "invalid YAML: the YAML reader stopped here without a reason; look for an unclosed [ or { or a tag without a value on this line or above it");
        }
    }

    private string? UnclosedFlowMessage()
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            if (_frames[i].IsFlow)
            {
                var kind = _frames[i].IsMapping ? "mapping" : "sequence";
                return $"the flow {kind} opened at {_frames[i].Location.Line}:{_frames[i].Location.Column} is not closed";
            }
        }

        return null;
    }

    private void OnEvent(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar:
                OnScalar(scalar);
                break;
            case MappingStart mapping:
                Open(mapping, isMapping: true, mapping.Style == MappingStyle.Flow);
                break;
            case SequenceStart sequence:
                Open(sequence, isMapping: false, sequence.Style == SequenceStyle.Flow);
                break;
            case MappingEnd:
            case SequenceEnd:
                Close();
                break;
            case AnchorAlias alias:
                OnAlias(alias);
                break;
            default:
                break;
        }
    }

    private bool ExpectsKey => _depth > 0 && _frames[_depth - 1].IsMapping && _frames[_depth - 1].ExpectsKey;

    private void OnScalar(Scalar scalar)
    {
        if (ExpectsKey)
        {
            OnKey(scalar);
            return;
        }

        var location = NodeLocation(scalar);
        var usedBefore = _budget.Used;
        var meaning = Meaning(scalar.Tag, scalar.Start, out var longForm);
        var kind = meaning switch
        {
            TagMeaning.None => scalar.Style == ScalarStyle.Plain ? PlainScalars.KindOf(scalar.Value) : ScalarKind.String,
            TagMeaning.Number => ScalarKind.Number,
            TagMeaning.Boolean => ScalarKind.Boolean,
            TagMeaning.Null => ScalarKind.Null,

            // A tagged scalar is not typed by its look: !Ref 123 names "123".
            _ => ScalarKind.String,
        };
        _budget.Spend(1, location.Line, location.Column);
        var text = _strings.Get(scalar.Value);
        int node;
        if (meaning != TagMeaning.Intrinsic)
        {
            node = AddScalar(text, kind, location);
        }
        else
        {
            var tagLocation = At(scalar.Start);

            // !GetAtt's text becomes a list of its own scalars: the scalar as written is only added where it is kept.
            node = longForm == "Fn::GetAtt" ? DottedGetAtt(scalar, text, location) : AddScalar(text, kind, location);
            node = Wrap(longForm, node, tagLocation);
        }

        Remember(scalar.Anchor, node, _budget.Used - usedBefore);
        Attach(node);
    }

    /// <summary><c>!GetAtt Resource.Attribute.Part</c> is <c>["Resource", "Attribute.Part"]</c>: logical IDs have no dots.</summary>
    private int DottedGetAtt(Scalar scalar, string text, SourceLocation location)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            Defer(location, $"!GetAtt needs LogicalId.AttributeName, not \"{text}\"");
            ReadOnlySpan<int> whole = [AddScalar(text, ScalarKind.String, location)];
            return _document.AddSequence(whole, location.Line, location.Column);
        }

        // On one line the attribute's column is known; a quote adds one.
        var quote = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        var attributeLocation = scalar.End.Line == location.Line
            ? location with { Column = location.Column + quote + dot + 1 }
            : location;
        _budget.Spend(2, location.Line, location.Column);
        ReadOnlySpan<int> parts =
        [
            AddScalar(_strings.Get(text.AsSpan(0, dot)), ScalarKind.String, location with { Column = location.Column + quote }),
            AddScalar(_strings.Get(text.AsSpan(dot + 1)), ScalarKind.String, attributeLocation),
        ];
        return _document.AddSequence(parts, location.Line, location.Column);
    }

    private void OnKey(Scalar scalar)
    {
        ref var frame = ref _frames[_depth - 1];
        frame.ExpectsKey = false;
        var location = NodeLocation(scalar);
        if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value == MergeKey)
        {
            frame.MergeNext = true;
            frame.KeyLocation = location;
            return;
        }

        var meaning = Meaning(scalar.Tag, scalar.Start, out _);
        if (meaning is not (TagMeaning.None or TagMeaning.String))
        {
            Defer(At(scalar.Start), $"a mapping key cannot be tagged {scalar.Tag.Value}");
        }

        SetKey(ref frame, scalar.Value, location);
        if (!scalar.Anchor.IsEmpty)
        {
            _budget.Spend(1, location.Line, location.Column);
            Remember(scalar.Anchor, AddScalar(frame.Key!, ScalarKind.String, location), 1);
        }
    }

    private void SetKey(ref Frame frame, string key, SourceLocation location)
    {
        Limits.CheckKeyLength(key.Length, limits, location.Line, location.Column);
        key = _strings.Get(key);
        frame.Key = key;
        frame.KeyLocation = location;
        frame.SkipValue = DuplicateKeys.IsDuplicate(_entries.From(frame.Start), ref frame.Keys, key);
        if (frame.SkipValue)
        {
            Defer(location, $"duplicate key \"{key}\"");
        }
    }

    private void Open(NodeEvent start, bool isMapping, bool isFlow)
    {
        var location = NodeLocation(start);
        if (ExpectsKey)
        {
            throw new LoadFailure(location.Line, location.Column, "a mapping key must be a scalar, not a mapping or a list");
        }

        Limits.CheckDepth(_depth + 1, limits, location.Line, location.Column);
        var usedBefore = _budget.Used;
        _budget.Spend(1, location.Line, location.Column);
        var meaning = Meaning(start.Tag, start.Start, out var longForm);
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame
        {
            IsMapping = isMapping,
            IsFlow = isFlow,
            ExpectsKey = isMapping,
            Start = isMapping ? _entries.Count : _items.Count,
            Location = location,
            LongForm = meaning == TagMeaning.Intrinsic ? longForm : null,
            TagLocation = At(start.Start),
            Anchor = start.Anchor,
            UsedBefore = usedBefore,
        };
    }

    private void Close()
    {
        var frame = _frames[--_depth];
        _frames[_depth] = default;
        var (line, column) = (frame.Location.Line, frame.Location.Column);
        var node = !frame.IsMapping
            ? _document.AddSequence(_items.PopFrom(frame.Start), line, column)
            : frame.Merges is { Count: > 0 } merges
                ? _document.AddMapping(Merged(_entries.PopFrom(frame.Start), merges), line, column)
                : _document.AddMapping(_entries.PopFrom(frame.Start), line, column);

        if (frame.LongForm is not null)
        {
            node = Wrap(frame.LongForm, node, frame.TagLocation);
        }

        Remember(frame.Anchor, node, _budget.Used - frame.UsedBefore);
        Attach(node);
    }

    private void OnAlias(AnchorAlias alias)
    {
        var location = At(alias.Start);
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw new LoadFailure(location.Line, location.Column, $"unknown anchor *{alias.Value.Value}");
        }

        if (ExpectsKey)
        {
            ref var frame = ref _frames[_depth - 1];
            frame.ExpectsKey = false;
            if (_document.Node(anchored.Node).AsScalar() is not { } scalar)
            {
                throw new LoadFailure(location.Line, location.Column, "a mapping key must be a scalar, not a mapping or a list");
            }

            SetKey(ref frame, scalar.Text, location);
            return;
        }

        // The alias shares the anchored node; it costs what a copy would have.
        _budget.Spend(anchored.Size, location.Line, location.Column);
        Attach(anchored.Node);
    }

    /// <summary>Attaches a finished node to the open collection, or makes it the document.</summary>
    private void Attach(int node)
    {
        if (_depth == 0)
        {
            _root = node;
            return;
        }

        ref var frame = ref _frames[_depth - 1];
        if (!frame.IsMapping)
        {
            _items.Push(node);
            return;
        }

        frame.ExpectsKey = true;
        if (frame.MergeNext)
        {
            frame.MergeNext = false;
            AddMergeSources(ref frame, node);
        }
        else if (!frame.SkipValue)
        {
            _entries.Push(new EntryRecord(frame.Key!, frame.KeyLocation.Line, frame.KeyLocation.Column, node));
        }
    }

    private void AddMergeSources(ref Frame frame, int index)
    {
        frame.Merges ??= [];
        var value = _document.Node(index);
        if (value.TryGetMapping(out var mapping))
        {
            frame.Merges.Add(mapping);
            return;
        }

        if (value.TryGetSequence(out var sequence) && sequence.Items.All(item => item.IsMapping))
        {
            foreach (var item in sequence.Items)
            {
                frame.Merges.Add(item.AsMapping()!.Value);
            }

            return;
        }

        Defer(frame.KeyLocation, "the merge key << takes a mapping or a list of mappings");
    }

    /// <summary>Keys written in the mapping win over merged ones; earlier merged mappings win over later ones.</summary>
    private static EntryRecord[] Merged(ReadOnlySpan<EntryRecord> own, List<MappingNode> merges)
    {
        var keys = new HashSet<string>(own.Length, StringComparer.Ordinal);
        var result = new List<EntryRecord>(own.Length);
        foreach (ref readonly var entry in own)
        {
            keys.Add(entry.Key);
            result.Add(entry);
        }

        foreach (var source in merges)
        {
            foreach (var entry in source.Entries)
            {
                if (keys.Add(entry.Key))
                {
                    // The merged mapping is in this document: its entry is copied as it is stored.
                    var keyLocation = entry.KeyLocation;
                    result.Add(new EntryRecord(entry.Key, keyLocation.Line, keyLocation.Column, entry.Value.Index));
                }
            }
        }

        return [.. result];
    }

    private int Wrap(string longForm, int argument, SourceLocation tagLocation)
    {
        _budget.Spend(1, tagLocation.Line, tagLocation.Column);
        ReadOnlySpan<EntryRecord> entry = [new EntryRecord(longForm, tagLocation.Line, tagLocation.Column, argument)];
        return _document.AddMapping(entry, tagLocation.Line, tagLocation.Column);
    }

    private int AddScalar(string text, ScalarKind kind, SourceLocation location) =>
        _document.AddScalar(text, kind, location.Line, location.Column);

    private void Remember(AnchorName anchor, int node, long size)
    {
        if (!anchor.IsEmpty)
        {
            // A later anchor of the same name replaces the earlier one, as YAML says.
            _anchors[anchor.Value] = new Anchored(node, size);
        }
    }

    private TagMeaning Meaning(TagName tag, Mark at, out string longForm)
    {
        longForm = string.Empty;
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            return TagMeaning.None;
        }

        var name = tag.Value;
        if (name == "!")
        {
            return TagMeaning.String;
        }

        if (name.StartsWith(StandardTagPrefix, StringComparison.Ordinal))
        {
            switch (name[StandardTagPrefix.Length..])
            {
                case "str":
                    return TagMeaning.String;
                case "int":
                case "float":
                    return TagMeaning.Number;
                case "bool":
                    return TagMeaning.Boolean;
                case "null":
                    return TagMeaning.Null;
                case "map":
                case "seq":
                    return TagMeaning.None;
                default:
                    break;
            }
        }
        else if (ShortForms.TryGetLongForm(name, out longForm))
        {
            return TagMeaning.Intrinsic;
        }

        var written = name.StartsWith(StandardTagPrefix, StringComparison.Ordinal) ? "!!" + name[StandardTagPrefix.Length..] : name;
        Defer(At(at), $"unknown tag {written}; accepted: {ShortForms.Accepted}");
        return TagMeaning.None;
    }

    private void Defer(SourceLocation location, string message) =>
        _deferred ??= new LoadFailure(location.Line, location.Column, message);

    private SourceLocation At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    /// <summary>
    /// Where a node's value starts. YamlDotNet's mark is at the node's properties (<c>!Tag</c>,
    /// <c>&amp;anchor</c>), which may even be on the line before; step over them.
    /// </summary>
    private SourceLocation NodeLocation(NodeEvent node)
    {
        if (node.Tag.IsEmpty && node.Anchor.IsEmpty)
        {
            return At(node.Start);
        }

        var text = _text;
        var i = (int)node.Start.Index;
        var line = (int)node.Start.Line;
        var column = (int)node.Start.Column;
        while (i < text.Length && text[i] is '!' or '&')
        {
            if (text[i] == '!' && i + 1 < text.Length && text[i + 1] == '<')
            {
                // A verbatim tag, !<tag:...>, may hold no spaces but ends at '>'.
                var close = text.IndexOf('>', i);
                var end = close < 0 ? text.Length : close + 1;
                column += end - i;
                i = end;
            }
            else
            {
                while (i < text.Length && !IsBreakOrSpace(text[i]))
                {
                    i++;
                    column++;
                }
            }

            SkipSeparation(text, ref i, ref line, ref column);
        }

        return new SourceLocation(file, line, column);
    }

    /// <summary>Steps over spaces, line breaks and comments between a node's properties and its value.</summary>
    private static void SkipSeparation(string text, ref int i, ref int line, ref int column)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t')
            {
                i++;
                column++;
            }
            else if (c is '\n' or '\r')
            {
                // \r\n is one break.
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                column = 1;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsBreakOrSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static string Sentence(string message)
    {
        var text = message.TrimEnd().TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    /// <summary>An anchored node's index, and how many nodes an alias of it counts for.</summary>
    private readonly record struct Anchored(int Node, long Size);

    private struct Frame
    {
        public bool IsMapping;
        public bool IsFlow;
        public bool ExpectsKey;
        public bool MergeNext;
        public bool SkipValue;
        public int Start;
        public SourceLocation Location;
        public string? Key;
        public SourceLocation KeyLocation;
        public HashSet<string>? Keys;
        public List<MappingNode>? Merges;
        public string? LongForm;
        public SourceLocation TagLocation;
        public AnchorName Anchor;
        public long UsedBefore;
    }
}
