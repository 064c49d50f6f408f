using System.Buffers;

namespace Rampart.Policy.Loading.Json;

/// <summary>
/// Parses a JSON template file a block at a time, so that a large file is never held whole: at 5,000 resources
/// (4.2 MB) reading it into one new array cost more in page faults and copying than parsing it block by block.
/// Only for the plain case. Anything else (YAML, a UTF-16 byte order mark, a syntax error, a limit, a deferred
/// fault) gives null, and the caller reads the file whole, where each fault is placed and worded.
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
            if (firstNonBlank < 0 || text[firstNonBlank] != (byte)'{')
            {
                return null;
            }

            // The text starts after the byte order mark, as when the file is read whole.
            text.CopyTo(buffer);
            buffered -= start;
            var mentions = new TemplateMentions();
            mentions.See(buffer.AsSpan(0, buffered));
            var reader = new JsonTemplateReader(path, limits, length);
            var content = reader.ReadBlocks(stream, remaining, ref buffer, buffered, mentions.See);

            if (!mentions.Found)
            {
                return new ParseResult.NotATemplate(path, TemplateParser.NotATemplatePrefix + TemplateParser.NoTemplateWords);
            }

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

    /// <summary>Looks for what <see cref="TemplateParser.MayBeTemplate"/> looks for, a block at a time, across block seams too.</summary>
    private sealed class TemplateMentions
    {
        // The longest word sought is "AWSTemplateFormatVersion": one byte short of it, at the end of a block, may start it.
        private const int SeamLength = 23;

        private readonly byte[] _seam = new byte[SeamLength * 2];
        private int _tailLength;

        public bool Found { get; private set; }

        public void See(ReadOnlySpan<byte> block)
        {
            if (Found || block.IsEmpty)
            {
                return;
            }

            var head = block[..Math.Min(SeamLength, block.Length)];
            head.CopyTo(_seam.AsSpan(_tailLength));
            if (TemplateParser.MayBeTemplate(_seam.AsSpan(0, _tailLength + head.Length)) || TemplateParser.MayBeTemplate(block))
            {
                Found = true;
                return;
            }

            // Keep the last bytes seen (of the seam and this block) for the next seam.
            var seen = _seam.AsSpan(0, _tailLength + head.Length);
            ReadOnlySpan<byte> tail = block.Length >= SeamLength ? block[^SeamLength..] : seen[Math.Max(0, seen.Length - SeamLength)..];
            tail.CopyTo(_seam);
            _tailLength = tail.Length;
        }
    }
}
