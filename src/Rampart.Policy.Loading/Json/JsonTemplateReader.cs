using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Rampart.Policy.Loading.Text;
using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Reads JSON into the template model with <see cref="Utf8JsonReader"/>, keeping the line and
/// column of every node and key. Strict like CloudFormation: no comments, no trailing commas,
/// no duplicate keys. One instance per file.
/// </summary>
internal sealed class JsonTemplateReader(string file, LoadLimits limits, long documentLength)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StringPool _strings = new();
    private readonly Utf8StringPool _utf8Strings = Utf8StringPool.For(StrictUtf8, (int)Math.Min(documentLength, int.MaxValue));
    private readonly ScratchStack<EntryRecord> _entries = new();
    private readonly ScratchStack<int> _items = new();
    private readonly TemplateDocument _document = new(file, Capacity(documentLength, BytesPerNode), Capacity(documentLength, BytesPerEntry));
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private NodeBudget _budget = new(limits.MaxNodes);
    private Utf8Positions _positions;
    private int _root = -1;
    private LoadFailure? _deferred;

    // Room made for values and entries before reading, from the text's length: CloudFormation JSON (the CDK's, and the
    // bench's generated templates) spends 28-34 bytes per value and 30-36 per entry. Sized a little generously, so
    // that the arrays rarely grow (a copy of everything read so far); what is not used is never touched.
    private const int BytesPerNode = 26;
    private const int BytesPerEntry = 28;

    /// <summary>Reads a whole document held in memory; a syntax error becomes a <see cref="LoadFailure"/> with its position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DocumentContent Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options());
        try
        {
            while (reader.Read())
            {
                ReadToken(ref reader, json);
            }
        }
        catch (JsonException ex)
        {
            var (offset, column) = Utf8Positions.Locate(json, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            if (IsBareWord(ex.Message))
            {
                // System.Text.Json points inside the word ("ture" at 'u'); point at its start.
                while (offset > 0 && char.IsAsciiLetter((char)json[offset - 1]))
                {
                    offset--;
                    column--;
                }
            }

            throw new LoadFailure((int)(ex.LineNumber ?? 0) + 1, column, Explain(ex.Message, json[offset..]));
        }

        return new DocumentContent(Root, _deferred);
    }

    /// <summary>
    /// Reads a document a block at a time from <paramref name="file"/>. A syntax error is thrown as System.Text.Json's
    /// <see cref="JsonException"/>, unplaced: placing it needs the text before it, so callers read the file again whole (<see cref="Read"/>).
    /// </summary>
    /// <param name="file">Where the rest of the document comes from.</param>
    /// <param name="offset">Where in <paramref name="file"/> the rest of the document starts.</param>
    /// <param name="end">Where in <paramref name="file"/> the document ends (the file's length when it was opened).</param>
    /// <param name="buffer">
    /// Rented from <see cref="ArrayPool{T}.Shared"/>; when a single token outgrows it, it is returned and a larger one rented in its place.
    /// </param>
    /// <param name="buffered">How many bytes at the start of <paramref name="buffer"/> are the start of the document, already read.</param>
    public DocumentContent ReadBlocks(SafeFileHandle file, long offset, long end, ref byte[] buffer, int buffered)
    {
        ReadBlocks(file, offset, end, ref buffer, buffered, isLastPart: true, out _);
        return new DocumentContent(Root, _deferred);
    }

    /// <summary>
    /// Reads the first part of a document that another reader continues (<see cref="TwoThreadJson"/>), up to
    /// <paramref name="end"/>, and returns the open Resources mapping there; or null when the text up to there is not
    /// exactly "the root mapping, its Resources mapping, a complete entry, a comma", a deferred fault was met, or
    /// any doubt: the caller then reads the file on one thread. Throws like <see cref="ReadBlocks(SafeFileHandle, long, long, ref byte[], int)"/>.
    /// </summary>
    public OpenResources? ReadUpToResourceSeam(SafeFileHandle file, long offset, long end, ref byte[] buffer, int buffered)
    {
        var unread = ReadBlocks(file, offset, end, ref buffer, buffered, isLastPart: false, out var lastToken);
        if (_deferred is not null || _depth != 2 || !IsValueEnd(lastToken) || !IsOneComma(buffer.AsSpan(0, unread)))
        {
            return null;
        }

        ref readonly var root = ref _frames[0];
        ref readonly var resources = ref _frames[1];
        if (!root.IsMapping || root.SkipValue || root.Key != "Resources" || !resources.IsMapping)
        {
            return null;
        }

        return new OpenResources(
            _document,
            _entries.From(root.Start)[..(resources.Start - root.Start)].ToArray(),
            (root.Line, root.Column),
            (root.KeyLine, root.KeyColumn),
            (resources.Line, resources.Column),
            _entries.From(resources.Start).ToArray(),
            resources.Keys,
            _budget.Used);
    }

    /// <summary>The document read, when the reader saw its end.</summary>
    private TemplateNode? Root => _root >= 0 ? _document.Node(_root) : null;

    private static int Capacity(long documentLength, int bytesPer) => (int)Math.Min(documentLength / bytesPer + 16, 1 << 24);

    /// <summary>Nodes read so far, as counted against <see cref="LoadLimits.MaxNodes"/>.</summary>
    public long NodesRead => _budget.Used;

    /// <summary>Makes positions count from a known place (see <see cref="Utf8Positions(int, int, int)"/>); before reading.</summary>
    public void StartAt(Utf8Positions positions) => _positions = positions;

    /// <summary>The core of the block readers; returns how many bytes at the start of <paramref name="buffer"/> are left unread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadBlocks(SafeFileHandle file, long offset, long end, ref byte[] buffer, int buffered, bool isLastPart, out JsonTokenType lastToken)
    {
        var state = new JsonReaderState(Options());
        var isFinalBlock = false;
        while (true)
        {
            var block = buffer.AsSpan(0, buffered);
            var reader = new Utf8JsonReader(block, isFinalBlock, state);
            while (reader.Read())
            {
                ReadToken(ref reader, block);
            }

            lastToken = reader.TokenType;
            if (isFinalBlock)
            {
                return 0;
            }

            // Keep the unread tail (an unfinished token) at the front, then fill the rest.
            state = reader.CurrentState;
            var consumed = (int)reader.BytesConsumed;
            _positions.Rebase(block, consumed);
            block[consumed..].CopyTo(buffer);
            buffered -= consumed;
            if (offset == end && !isLastPart)
            {
                return buffered;
            }

            if (buffered == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, buffered).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = RandomAccess.Read(file, buffer.AsSpan(buffered, (int)Math.Min(buffer.Length - buffered, end - offset)), offset);
            if (read == 0 && !isLastPart)
            {
                // The file shrank under us: not the text the seam was chosen in.
                throw new IOException("the file ended before the seam");
            }

            offset += read;
            buffered += read;
            isFinalBlock = read == 0;
        }
    }

    private static bool IsValueEnd(JsonTokenType token) => token is JsonTokenType.EndObject or JsonTokenType.EndArray
        or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;

    /// <summary>True for JSON whitespace around exactly one comma.</summary>
    private static bool IsOneComma(ReadOnlySpan<byte> text)
    {
        var comma = text.IndexOfAnyExcept(" \t\r\n"u8);
        return comma >= 0 && text[comma] == (byte)',' && !text[(comma + 1)..].ContainsAnyExcept(" \t\r\n"u8);
    }

    private JsonReaderOptions Options() => new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,

        // One more than ours, so our own message (with the limit's name) comes first.
        MaxDepth = limits.MaxDepth < int.MaxValue ? limits.MaxDepth + 1 : int.MaxValue,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadToken(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                MoveTo(json, reader.TokenStartIndex);
                Open(reader.TokenType == JsonTokenType.StartObject, _positions.Line, _positions.Column);
                break;
            case JsonTokenType.EndObject:
                CloseMapping();
                break;
            case JsonTokenType.EndArray:
                CloseSequence();
                break;
            case JsonTokenType.PropertyName:
                ReadKey(ref reader, json);
                break;
            case JsonTokenType.String:
                MoveTo(json, reader.TokenStartIndex);
                AddScalar(ReadString(ref reader, _positions.Line, _positions.Column), ScalarKind.String);
                break;
            case JsonTokenType.Number:
                MoveTo(json, reader.TokenStartIndex);
                AddScalar(ReadNumber(reader.ValueSpan), ScalarKind.Number);
                break;
            case JsonTokenType.True:
                MoveTo(json, reader.TokenStartIndex);
                AddScalar("true", ScalarKind.Boolean);
                break;
            case JsonTokenType.False:
                MoveTo(json, reader.TokenStartIndex);
                AddScalar("false", ScalarKind.Boolean);
                break;
            case JsonTokenType.Null:
                MoveTo(json, reader.TokenStartIndex);
                AddScalar("null", ScalarKind.Null);
                break;
            default:
                break;
        }
    }

    /// <summary>Brings the line and column (<see cref="_positions"/>) to the token at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MoveTo(ReadOnlySpan<byte> json, long offset) => _positions.MoveTo(json, (int)offset);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Open(bool isMapping, int line, int column)
    {
        _budget.Spend(1, line, column);
        Limits.CheckDepth(_depth + 1, limits, line, column);
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame
        {
            IsMapping = isMapping,
            Start = isMapping ? _entries.Count : _items.Count,
            Line = line,
            Column = column,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CloseMapping()
    {
        var frame = _frames[--_depth];
        _frames[_depth] = default;
        Attach(_document.AddMapping(_entries.PopFrom(frame.Start), frame.Line, frame.Column));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CloseSequence()
    {
        var frame = _frames[--_depth];
        _frames[_depth] = default;
        Attach(_document.AddSequence(_items.PopFrom(frame.Start), frame.Line, frame.Column));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadKey(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        MoveTo(json, reader.TokenStartIndex);
        var (line, column) = (_positions.Line, _positions.Column);
        var key = ReadString(ref reader, line, column);
        Limits.CheckKeyLength(key.Length, limits, line, column);
        ref var frame = ref _frames[_depth - 1];
        frame.Key = key;
        frame.KeyLine = line;
        frame.KeyColumn = column;
        frame.SkipValue = DuplicateKeys.IsDuplicate(_entries.From(frame.Start), ref frame.Keys, key);
        if (frame.SkipValue)
        {
            _deferred ??= new LoadFailure(line, column, $"duplicate key \"{key}\"");
        }
    }

    /// <summary>Adds a scalar at the current position (<see cref="_positions"/>) and attaches it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddScalar(string text, ScalarKind kind)
    {
        _budget.Spend(1, _positions.Line, _positions.Column);
        Attach(_document.AddScalar(text, kind, _positions.Line, _positions.Column));
    }

    /// <summary>Attaches a finished node (counted when it was opened or added) to the open collection, or makes it the document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        }
        else if (!frame.SkipValue)
        {
            _entries.Push(new EntryRecord(frame.Key!, frame.KeyLine, frame.KeyColumn, node));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ReadString(ref Utf8JsonReader reader, int line, int column)
    {
        var raw = reader.ValueSpan;
        try
        {
            if (raw.Length <= StringPool.MaxPooledLength && !reader.ValueIsEscaped)
            {
                return _utf8Strings.Get(raw);
            }

            if (raw.Length <= StringPool.MaxPooledLength)
            {
                // Unescaped text is never longer in chars than in bytes.
                Span<char> buffer = stackalloc char[StringPool.MaxPooledLength];
                var length = reader.ValueIsEscaped ? reader.CopyString(buffer) : StrictUtf8.GetChars(raw, buffer);
                return _strings.Get(buffer[..length]);
            }

            return reader.ValueIsEscaped ? reader.GetString()! : StrictUtf8.GetString(raw);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException or ArgumentException)
        {
            throw new LoadFailure(line, column, "the string is not valid UTF-8");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ReadNumber(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > StringPool.MaxPooledLength)
        {
            return Encoding.ASCII.GetString(raw);
        }

        // A JSON number is ASCII, so valid UTF-8.
        return _utf8Strings.Get(raw);
    }

    /// <summary>
    /// System.Text.Json's message without its "LineNumber: 2 | BytePositionInLine: 14." tail (the
    /// position is printed our way), and in plain words for what CloudFormation users meet most.
    /// </summary>
    private static string Explain(string message, ReadOnlySpan<byte> at)
    {
        if (at.StartsWith("//"u8) || at.StartsWith("/*"u8))
        {
            return "comments are not allowed in JSON (CloudFormation rejects them)";
        }

        if (message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase))
        {
            return "a trailing comma is not allowed in JSON (CloudFormation rejects it)";
        }

        if (IsBareWord(message))
        {
            // System.Text.Json quotes the rest of the file here.
            return "a bare word: JSON strings need double quotes, and only true, false and null go unquoted";
        }

        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (tail >= 0 ? message[..tail] : message).TrimEnd().TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    private static bool IsBareWord(string message) => message.Contains("invalid JSON literal", StringComparison.Ordinal);

    private struct Frame
    {
        public bool IsMapping;
        public int Start;
        public int Line;
        public int Column;
        public string? Key;
        public int KeyLine;
        public int KeyColumn;
        public bool SkipValue;
        public HashSet<string>? Keys;
    }
}
