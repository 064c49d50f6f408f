using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Guesses where a pretty-printed template can be cut in two for two readers: a line break between two entries of
/// its Resources mapping, near the middle of the file. Only a guess, learnt from the layout (CDK writes one key per
/// line, indented): the first reader checks at the cut that it really is inside Resources, after a complete entry.
/// </summary>
internal static class ResourceSeam
{
    /// <summary>How far past the middle the cut is looked for; resources are rarely larger (an inline policy or script).</summary>
    private const int SearchWindow = 64 * 1024;

    /// <summary>
    /// Where the file can be cut: the file offset of the <c>"</c> that opens a resource's key at the start of a line, and
    /// the 0-based column there; null when the layout gives no such place near the middle (minified JSON, odd layout).
    /// </summary>
    /// <param name="file">The file.</param>
    /// <param name="length">Its length.</param>
    /// <param name="byteOrderMark">The length of its byte order mark: text offsets are file offsets minus this.</param>
    /// <param name="firstBlock">The text at the start of the file (after the byte order mark), where Resources must start.</param>
    /// <param name="searchFrom">Where in the file to start looking, a fraction of its length.</param>
    public static (long Offset, int Column)? Find(SafeFileHandle file, long length, int byteOrderMark, ReadOnlySpan<byte> firstBlock, double searchFrom)
    {
        if (LearnResourceLayout(firstBlock) is not var (resourcesAt, entryEnd))
        {
            return null;
        }

        var window = ArrayPool<byte>.Shared.Rent(SearchWindow);
        try
        {
            // Never before the first entry of Resources, whose opening the first block holds.
            var start = Math.Max((long)(length * searchFrom), byteOrderMark + resourcesAt);
            var read = RandomAccess.Read(file, window.AsSpan(0, (int)Math.Min(SearchWindow, length - start)), start);
            var found = window.AsSpan(0, read).IndexOf(entryEnd);
            if (found < 0)
            {
                return null;
            }

            // The cut is at the quote that ends the pattern; the indentation before it is its column.
            return (start + found + entryEnd.Length - 1, entryEnd.Length - entryEnd.LastIndexOf((byte)'\n') - 2);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    /// <summary>
    /// From the opening of the template: where its Resources mapping's first entry starts, and the bytes between two
    /// entries of it: <c>},</c>, the line break, the entries' indentation and the quote of the next key. Null when the
    /// first block does not show a root mapping with one key a line and a Resources mapping laid out the same way.
    /// </summary>
    internal static (int ResourcesAt, byte[] EntryEnd)? LearnResourceLayout(ReadOnlySpan<byte> text)
    {
        // The root's keys: '{', a line break, an indentation, a quote.
        var open = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (open < 0 || text[open] != (byte)'{' || IndentedKeyAfterLineBreak(text, open + 1) is not var (rootIndent, _, _))
        {
            return null;
        }

        // The root's Resources key, on a line of its own at the root's indentation.
        var rootKey = (byte[])[(byte)'\n', .. rootIndent, .. "\"Resources\""u8];
        var at = text.IndexOf(rootKey);
        if (at < 0)
        {
            return null;
        }

        var afterKey = at + rootKey.Length;
        var colon = afterKey + text[afterKey..].IndexOfAnyExcept(" \t"u8);
        if (colon < afterKey || text[colon] != (byte)':')
        {
            return null;
        }

        var brace = colon + 1 + text[(colon + 1)..].IndexOfAnyExcept(" \t"u8);
        if (brace <= colon || text[brace] != (byte)'{'
            || IndentedKeyAfterLineBreak(text, brace + 1) is not var (indent, crlf, firstKey)
            || indent.Length <= rootIndent.Length)
        {
            return null;
        }

        return (firstKey, [.. "},"u8, .. crlf ? "\r\n"u8 : "\n"u8, .. indent, (byte)'"']);
    }

    /// <summary>
    /// After <paramref name="from"/>: blanks, a line break, an indentation of spaces or tabs, then a quote. The
    /// indentation, whether the line break was CRLF, and where the quote is; null for any other layout.
    /// </summary>
    private static (byte[] Indent, bool Crlf, int Quote)? IndentedKeyAfterLineBreak(ReadOnlySpan<byte> text, int from)
    {
        var lineBreak = from + text[from..].IndexOfAnyExcept(" \t\r"u8);
        if (lineBreak < from || text[lineBreak] != (byte)'\n')
        {
            return null;
        }

        var indentStart = lineBreak + 1;
        var quote = indentStart + text[indentStart..].IndexOfAnyExcept(" \t"u8);
        if (quote < indentStart || text[quote] != (byte)'"')
        {
            return null;
        }

        var crlf = lineBreak > from && text[lineBreak - 1] == (byte)'\r';
        return (text[indentStart..quote].ToArray(), crlf, quote);
    }
}
