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

    public int Line => _lineIndex + 1;

    public int Column => _columnIndex + 1;

    /// <summary>Moves to <paramref name="offset"/> (not before the previous one).</summary>
    public void MoveTo(ReadOnlySpan<byte> text, int offset)
    {
        var gap = text[_offset..offset];
        var lastNewline = gap.LastIndexOf((byte)'\n');
        if (lastNewline < 0)
        {
            _columnIndex += Encoding.UTF8.GetCharCount(gap);
        }
        else
        {
            _lineIndex += gap.Count((byte)'\n');
            _columnIndex = Encoding.UTF8.GetCharCount(gap[(lastNewline + 1)..]);
        }

        _offset = offset;
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
