using System.Globalization;
using System.Text;

namespace Rampart.Policy.Model;

/// <summary>
/// Text from a scanned file, made safe to show to a person. A template is untrusted input, and its names and values
/// reach messages, file paths and error lines: written as they are, an escape sequence would drive the reader's
/// terminal (clear the screen, rewrite a line, set the window title), a line break would forge a report line, a
/// bidirectional override would show text in another order than it is, and XML cannot hold most control characters
/// at all. Each such character is written as <c>\uXXXX</c> instead; everything else, accents and emoji included, stays.
/// Machine formats (JSON, SARIF) keep the exact text: their writers escape it. Used by the reports, the CLI's error
/// lines and the architecture's configuration errors (which quote the value at fault).
/// </summary>
public static class PrintableText
{
    /// <summary><paramref name="text"/> itself when it is all printable (no copy), else a copy with each unprintable character escaped.</summary>
    public static string Of(string text)
    {
        var first = FirstUnprintable(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPair(text, i))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnprintable(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                i++;
            }
            else if (IsUnprintable(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A surrogate pair (a character beyond the first 65,536, such as an emoji) is printable; a lone surrogate is not.</summary>
    private static bool IsPair(string text, int at) =>
        char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]);

    /// <summary>Control characters (C0, DEL, C1: tab and line breaks too, as every message is one line), lone surrogates, the two non-characters XML rejects, and bidirectional overrides and isolates.</summary>
    private static bool IsUnprintable(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
