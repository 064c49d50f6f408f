using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rampart.Architecture.Configuration;

/// <summary>The two file formats; both become the same <see cref="SyntaxNode"/> tree.</summary>
public enum ConfigurationFormat
{
    Yaml,
    Json,
}

/// <summary>A 1-based line and column in the configuration text.</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public static SourcePosition Start { get; } = new(1, 1);

    public static SourcePosition From(Mark mark) => new((int)mark.Line, (int)mark.Column);
}

/// <summary>A node of the parsed file, with where it starts.</summary>
internal abstract record SyntaxNode(SourcePosition Position);

/// <summary>A scalar. <paramref name="IsString"/> is true when quoted or tagged !!str, so it cannot be a number or boolean.</summary>
internal sealed record ScalarNode(SourcePosition Position, string Value, bool IsString) : SyntaxNode(Position)
{
    /// <summary>YAML's plain null forms; an empty value counts as not given.</summary>
    public bool IsNull => !IsString && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record MappingNode(SourcePosition Position, IReadOnlyList<KeyValuePair<ScalarNode, SyntaxNode>> Entries) : SyntaxNode(Position);

internal sealed record SequenceNode(SourcePosition Position, IReadOnlyList<SyntaxNode> Items) : SyntaxNode(Position);

/// <summary>
/// Text to a <see cref="SyntaxNode"/> tree. YAML and JSON go through YamlDotNet's parser (JSON is
/// YAML's flow style), which marks every node's line and column; JSON files are first checked by
/// System.Text.Json so that a .json file is held to JSON, not to YAML's looser grammar.
/// </summary>
internal static class ConfigurationSyntax
{
    public static SyntaxNode? Parse(string text, ConfigurationFormat format, string source, List<ConfigurationError> errors)
    {
        if (format == ConfigurationFormat.Json && CheckJson(text, source) is { } jsonError)
        {
            errors.Add(jsonError);
            return null;
        }

        var reader = new EventReader(text);
        try
        {
            return reader.ReadSingleDocument(source, errors);
        }
        catch (YamlException e)
        {
            errors.Add(Malformed(source, SourcePosition.From(e.Start), format, e.Message));
            return null;
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Assembly == typeof(Parser).Assembly)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow collections: point at the last good token.
            errors.Add(Malformed(source, reader.LastPosition, format, $"the parser stopped after this point ({e.Message})"));
            return null;
        }
    }

    private static ConfigurationError? CheckJson(string text, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
            });
            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = CharacterColumn(text, line, (int)(e.BytePositionInLine ?? 0));
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut].TrimEnd();
            }

            return Malformed(source, new SourcePosition(line + 1, column), ConfigurationFormat.Json, message.TrimEnd('.'));
        }
    }

    /// <summary>System.Text.Json counts bytes within the line; editors count characters.</summary>
    private static int CharacterColumn(string text, int zeroBasedLine, int bytePosition)
    {
        var lines = text.Split('\n');
        if (zeroBasedLine >= lines.Length)
        {
            return bytePosition + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[zeroBasedLine]);
        var prefix = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytePosition, bytes.Length));
        return prefix.Length + 1;
    }

    private static ConfigurationError Malformed(string source, SourcePosition position, ConfigurationFormat format, string message) =>
        format == ConfigurationFormat.Json
            ? new(source, position.Line, position.Column, "(syntax)", $"malformed JSON ({message})", "JSON (RFC 8259) without comments or trailing commas")
            : new(source, position.Line, position.Column, "(syntax)", $"malformed YAML ({message})", "a YAML mapping of the documented fields (or JSON)");

    /// <summary>Walks YamlDotNet's parser events into nodes; resolves anchors and aliases.</summary>
    private sealed class EventReader(string text)
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly Dictionary<string, SyntaxNode> _anchors = [];

        public SourcePosition LastPosition { get; private set; } = SourcePosition.Start;

        public SyntaxNode? ReadSingleDocument(string source, List<ConfigurationError> errors)
        {
            Expect<StreamStart>();
            if (Current is StreamEnd)
            {
                errors.Add(new(source, 1, 1, "(syntax)", "the file is empty", "a mapping of the documented fields"));
                return null;
            }

            Expect<DocumentStart>();
            var root = ReadNode();
            Expect<DocumentEnd>();
            if (Current is DocumentStart second)
            {
                var position = SourcePosition.From(second.Start);
                errors.Add(new(source, position.Line, position.Column, "(syntax)", "a second YAML document (---)", "one document per file"));
                return null;
            }

            return root;
        }

        private ParsingEvent Current => _parser.Current ?? throw new InvalidOperationException("unexpected end of the event stream");

        private T Expect<T>()
            where T : ParsingEvent
        {
            if (_parser.Current is null)
            {
                _parser.MoveNext();
            }

            if (Current is not T expected)
            {
                throw new YamlException(Current.Start, Current.End, $"expected {typeof(T).Name}, found {Current.GetType().Name}");
            }

            LastPosition = SourcePosition.From(expected.End);
            _parser.MoveNext();
            return expected;
        }

        private SyntaxNode ReadNode()
        {
            switch (Current)
            {
                case Scalar scalar:
                    Expect<Scalar>();
                    var isString = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
                        || (scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:str");
                    return Anchor(scalar.Anchor, new ScalarNode(SourcePosition.From(scalar.Start), scalar.Value, isString));
                case SequenceStart start:
                    Expect<SequenceStart>();
                    var items = new List<SyntaxNode>();
                    while (Current is not SequenceEnd)
                    {
                        items.Add(ReadNode());
                    }

                    Expect<SequenceEnd>();
                    return Anchor(start.Anchor, new SequenceNode(SourcePosition.From(start.Start), items));
                case MappingStart start:
                    Expect<MappingStart>();
                    var entries = new List<KeyValuePair<ScalarNode, SyntaxNode>>();
                    while (Current is not MappingEnd)
                    {
                        var keyPosition = SourcePosition.From(Current.Start);
                        var key = ReadNode() as ScalarNode
                            ?? throw new YamlException(new Mark(0, keyPosition.Line, keyPosition.Column), new Mark(0, keyPosition.Line, keyPosition.Column), "a key must be a plain name, not a list or mapping");
                        entries.Add(new(key, ReadNode()));
                    }

                    Expect<MappingEnd>();
                    return Anchor(start.Anchor, new MappingNode(SourcePosition.From(start.Start), entries));
                case AnchorAlias alias:
                    Expect<AnchorAlias>();
                    return _anchors.TryGetValue(alias.Value.Value, out var target)
                        ? target
                        : throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}");
                default:
                    throw new YamlException(Current.Start, Current.End, $"unexpected {Current.GetType().Name}");
            }
        }

        private SyntaxNode Anchor(AnchorName anchor, SyntaxNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }

            return node;
        }
    }
}
