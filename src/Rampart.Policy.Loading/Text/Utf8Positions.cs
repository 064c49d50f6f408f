using System.Runtime.CompilerServices;
using System.Text;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// Turns byte offsets of UTF-8 text into 1-based line and column. Columns count UTF-16 code
/// units, as YAML marks, editors and SARIF do. Offsets must come in increasing order: each call
/// only looks at the bytes since the previous one, so a whole document costs one pass.
/// </summary>
internal struct Utf8Positions
{
    private int _offset;
    private int _lineIndex;
    private int _columnIndex;

    /// <summary>
    /// Positions for text that continues a document from a known place: byte <paramref name="startOffset"/> of the text
    /// is at 0-based line <paramref name="lineIndex"/> and column <paramref name="columnIndex"/>, the text before it is
    /// ASCII without a line break (a synthetic prefix, not part of the document).
    /// </summary>
    public Utf8Positions(int lineIndex, int columnIndex, int startOffset)
    {
        _lineIndex = lineIndex;
        _columnIndex = columnIndex - startOffset;
    }

    public int Line => _lineIndex + 1;

    public int Column => _columnIndex + 1;

    /// <summary>Moves to <paramref name="offset"/> (not before the previous one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MoveTo(ReadOnlySpan<byte> text, int offset)
    {
        var gap = text[_offset..offset];
        _offset = offset;

        // Whole spans at a time (vectorised searches): a pretty-printed document has one line break
        // in most gaps, and ASCII text, whose columns are its byte counts.
        var lastBreak = gap.LastIndexOf((byte)'\n');
        if (lastBreak >= 0)
        {
            _lineIndex += 1 + gap[..lastBreak].Count((byte)'\n');
            _columnIndex = 0;
            gap = gap[(lastBreak + 1)..];
        }

        _columnIndex += Ascii.IsValid(gap) ? gap.Length : CharacterWidth(gap);
    }

    /// <summary>
    /// Moves to <paramref name="offset"/>, then counts later offsets from there: the text before it is
    /// being dropped from the buffer (a file read a block at a time).
    /// </summary>
    public void Rebase(ReadOnlySpan<byte> text, int offset)
    {
        MoveTo(text, offset);
        _offset = 0;
    }

    /// <summary>The UTF-16 length of UTF-8 text without line breaks.</summary>
    private static int CharacterWidth(ReadOnlySpan<byte> text)
    {
        var width = 0;
        foreach (var b in text)
        {
            if ((b & 0xC0) != 0x80)
            {
                // Not a UTF-8 continuation byte: a new character; one from beyond the BMP is two UTF-16 units.
                width += b >= 0xF0 ? 2 : 1;
            }
        }

        return width;
    }

    /// <summary>
    /// The byte offset and 1-based column of a byte given by 0-based line and byte-in-line, as
    /// System.Text.Json reports errors. Scans from the start: errors come once per file.
    /// </summary>
    public static (int Offset, int Column) Locate(ReadOnlySpan<byte> text, long lineIndex, long byteInLine)
    {
        var lineStart = 0;
        for (long line = 0; line < lineIndex; line++)
        {
            var next = text[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        var offset = (int)Math.Min(text.Length, lineStart + Math.Max(0, byteInLine));
        return (offset, Encoding.UTF8.GetCharCount(text[lineStart..offset]) + 1);
    }
}
