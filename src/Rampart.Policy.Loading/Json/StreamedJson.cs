using System.Buffers;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Parses a JSON template file a block at a time, so that a large file is never held whole: at 5,000 resources
/// (4.2 MB) reading it into one new array cost more in page faults and copying than parsing it block by block.
/// Only for the plain case. Anything else (YAML, a UTF-16 byte order mark, no template word in the first block, a
/// syntax error, a limit, a deferred fault) gives null, and the caller reads the file whole, where each fault is placed and worded.
/// </summary>
internal static class StreamedJson
{
    private const int BlockSize = 64 * 1024;

    /// <summary>
    /// The result of parsing the file <paramref name="stream"/> holds, or null to read it whole instead. Reads
    /// as many bytes as the file had when opened, like a whole read (a file growing meanwhile is cut there).
    /// </summary>
    public static ParseResult? TryParse(FileStream stream, string path, LoadLimits limits)
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
            var first = buffer.AsSpan(0, (int)Math.Min(BlockSize, length));
            var buffered = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
            var remaining = length - buffered;
            var start = buffer.AsSpan(0, buffered) is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
            var text = buffer.AsSpan(start, buffered - start);
            var firstNonBlank = text.IndexOfAnyExcept(" \t\r\n"u8);
            // A template names its sections early (CDK output and most hand-written ones in the first block). A file that
            // does not is read whole, where one search of all of it tells a package-lock.json apart without parsing it.
            if (firstNonBlank < 0 || text[firstNonBlank] != (byte)'{' || !TemplateParser.MayBeTemplate(text))
            {
                return null;
            }

            // The text starts after the byte order mark, as when the file is read whole.
            text.CopyTo(buffer);
            buffered -= start;
            var reader = new JsonTemplateReader(path, limits, length);
            var content = reader.ReadBlocks(stream, remaining, ref buffer, buffered);
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
}
