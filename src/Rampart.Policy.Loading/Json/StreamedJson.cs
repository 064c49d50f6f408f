using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Parses a JSON template file a block at a time, so that a large file is never held whole: at 5,000 resources
/// (4.2 MB) reading it into one new array cost more in page faults and copying than parsing it block by block.
/// Only for the plain case. Anything else (YAML, a UTF-16 byte order mark, no template word in the first block, a
/// syntax error, a limit, a deferred fault) gives null, and the caller reads the file whole, where each fault is placed and worded.
/// </summary>
internal static class StreamedJson
{
    /// <summary>How much of a file is read at a time (the two-thread reader's parts too).</summary>
    internal const int BlockSize = 64 * 1024;

    /// <summary>
    /// The result of parsing the file <paramref name="stream"/> holds, or null to read it whole instead. Reads
    /// as many bytes as the file had when opened, like a whole read (a file growing meanwhile is cut there).
    /// </summary>
    /// <param name="stream">The file, at its start.</param>
    /// <param name="path">How the file is named in the template and its locations.</param>
    /// <param name="limits">Bounds for hostile input.</param>
    /// <param name="twoThreadMinBytes">From what length the file is read on two threads (<see cref="TwoThreadJson"/>).</param>
    public static ParseResult? TryParse(FileStream stream, string path, LoadLimits limits, long twoThreadMinBytes = TwoThreadJson.MinBytes)
    {
        var length = stream.Length;
        if (length == 0)
        {
            // Empty, or a file that does not know its size (/proc): the whole read says what it is.
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var file = stream.SafeFileHandle;
            var (buffered, byteOrderMark) = ReadFirstBlock(file, length, buffer);
            var text = buffer.AsSpan(0, buffered);
            var firstNonBlank = text.IndexOfAnyExcept(" \t\r\n"u8);
            // A template names its sections early (CDK output and most hand-written ones in the first block). A file that
            // does not is read whole, where one search of all of it tells a package-lock.json apart without parsing it.
            if (firstNonBlank < 0 || text[firstNonBlank] != (byte)'{' || !TemplateParser.MayBeTemplate(text))
            {
                return null;
            }

            if (length >= twoThreadMinBytes)
            {
                if (TwoThreadJson.TryParse(file, length, byteOrderMark, path, limits, ref buffer, buffered) is { } parsed)
                {
                    return parsed;
                }

                // Declined, after using the buffer: one thread reads it, from the first block again.
                (buffered, byteOrderMark) = ReadFirstBlock(file, length, buffer);
            }

            var reader = new JsonTemplateReader(path, limits, length);
            var content = reader.ReadBlocks(file, byteOrderMark + buffered, length, ref buffer, buffered);
            return content.DeferredError is null ? TemplateParser.Conclude(path, content) : null;
        }
        catch (Exception)
        {
            // Whatever went wrong is found again, and reported, from the whole text.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the file's first block into <paramref name="buffer"/>, without its UTF-8 byte order mark (the text
    /// starts after it, as when the file is read whole); returns how many bytes of text, and the mark's length.
    /// </summary>
    internal static (int Buffered, int ByteOrderMark) ReadFirstBlock(SafeFileHandle file, long length, byte[] buffer)
    {
        var first = buffer.AsSpan(0, (int)Math.Min(BlockSize, length));
        var read = 0;
        int count;
        while (read < first.Length && (count = RandomAccess.Read(file, first[read..], read)) > 0)
        {
            read += count;
        }

        if (first[..read] is not [0xEF, 0xBB, 0xBF, ..])
        {
            return (read, 0);
        }

        first[3..read].CopyTo(first);
        return (read - 3, 3);
    }
}
