using System.Text;
using Rampart.Policy.Loading.Json;
using Rampart.Policy.Loading.Text;
using Rampart.Policy.Loading.Yaml;
using Rampart.Policy.Model;

namespace Rampart.Policy.Loading;

/// <summary>
/// Turns the text of one file into a <see cref="Template"/>, a note that it is not a template, or
/// one <see cref="LoadError"/>. The format is chosen by content: a first non-blank <c>{</c> means
/// JSON, anything else YAML. Bad input never throws. Holds no shared state: files may be parsed in parallel.
/// </summary>
public static class TemplateParser
{
    private const string NotATemplatePrefix = "not a CloudFormation template: ";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file (at most <see cref="LoadLimits.MaxFileBytes"/> bytes, checked before reading) and parses it.</summary>
    /// <param name="filePath">Where to read the file.</param>
    /// <param name="displayPath">How the file is named in the template and its locations; <paramref name="filePath"/> when null.</param>
    /// <param name="limits">Bounds for hostile input; <see cref="LoadLimits.Default"/> when null.</param>
    public static ParseResult ParseFile(string filePath, string? displayPath = null, LoadLimits? limits = null) =>
        ParseFile(filePath, displayPath, limits, TwoThreadJson.MinBytes);

    /// <summary><see cref="ParseFile(string, string?, LoadLimits?)"/>, reading JSON on two threads from <paramref name="twoThreadMinBytes"/> on (tests make it small).</summary>
    internal static ParseResult ParseFile(string filePath, string? displayPath, LoadLimits? limits, long twoThreadMinBytes)
    {
        limits ??= LoadLimits.Default;
        displayPath ??= filePath;
        byte[] content;
        try
        {
            using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > limits.MaxFileBytes)
            {
                return TooLarge(displayPath, stream.Length, limits);
            }

            if (stream.CanSeek)
            {
                if (StreamedJson.TryParse(stream, displayPath, limits, twoThreadMinBytes) is { } streamed)
                {
                    return streamed;
                }

                stream.Position = 0;
            }

            content = ReadBounded(stream, limits.MaxFileBytes);
        }
        catch (FileNotFoundException)
        {
            return Fail(displayPath, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            return Fail(displayPath, "no such file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Fail(displayPath, Messages.OneLine($"cannot read the file: {ex.Message}"));
        }

        return Parse(displayPath, content, limits);
    }

    /// <summary>Parses template text given as UTF-8 (or UTF-16 with a byte order mark).</summary>
    /// <param name="path">How the file is named in the template and its locations.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="limits">Bounds for hostile input; <see cref="LoadLimits.Default"/> when null.</param>
    public static ParseResult Parse(string path, ReadOnlySpan<byte> content, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        if (content.Length > limits.MaxFileBytes)
        {
            return TooLarge(path, content.Length, limits);
        }

        if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            // PowerShell's redirection writes UTF-16; transcode once and read as usual.
            var bigEndian = content[0] == 0xFE;
            var text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(content[2..]);
            return ParseUtf8(path, Encoding.UTF8.GetBytes(text), limits);
        }

        return ParseUtf8(path, content is [0xEF, 0xBB, 0xBF, ..] ? content[3..] : content, limits);
    }

    /// <summary>Parses template text already in memory as a string.</summary>
    /// <param name="path">How the file is named in the template and its locations.</param>
    /// <param name="content">The template text.</param>
    /// <param name="limits">Bounds for hostile input; <see cref="LoadLimits.Default"/> when null.</param>
    public static ParseResult Parse(string path, string content, LoadLimits? limits = null) =>
        Parse(path, Encoding.UTF8.GetBytes(content), limits);

    private static ParseResult ParseUtf8(string path, ReadOnlySpan<byte> utf8, LoadLimits limits)
    {
        var start = utf8.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return new ParseResult.NotATemplate(path, NotATemplatePrefix + "the file is empty");
        }

        if (!MayBeTemplate(utf8))
        {
            return new ParseResult.NotATemplate(path, NotATemplatePrefix + "it mentions neither Resources nor AWSTemplateFormatVersion");
        }

        DocumentContent content;
        try
        {
            content = utf8[start] == (byte)'{'
                ? new JsonTemplateReader(path, limits, utf8.Length).Read(utf8)
                : new YamlTemplateReader(path, limits).Read(DecodeUtf8(utf8));
        }
        catch (LoadFailure failure)
        {
            return new ParseResult.Failed(new LoadError(path, failure.Line, failure.Column, Messages.OneLine(failure.Message)));
        }
        catch (Exception ex)
        {
            // A defect of ours, not the user's input; still one line, never a crash of the whole scan.
            return Fail(path, Messages.OneLine($"could not be loaded ({ex.GetType().Name}: {ex.Message})"));
        }

        return Conclude(path, content);
    }

    /// <summary>The verdict on a read document: a template, not one, or its deferred fault.</summary>
    internal static ParseResult Conclude(string path, DocumentContent content)
    {
        var whyNot = TemplateShape.WhyNotATemplate(content.Root);
        if (whyNot is not null)
        {
            return new ParseResult.NotATemplate(path, NotATemplatePrefix + whyNot);
        }

        if (content.SecondDocument is { } second)
        {
            return new ParseResult.Failed(new LoadError(
                path,
                second.Line,
                second.Column,
                "a second YAML document starts here; a CloudFormation template is one document"));
        }

        if (content.DeferredError is { } deferred)
        {
            return new ParseResult.Failed(new LoadError(path, deferred.Line, deferred.Column, Messages.OneLine(deferred.Message)));
        }

        return new ParseResult.Loaded(new Template(path, content.Root!.Value.AsMapping()!.Value));
    }

    /// <summary>
    /// Spares parsing the package-lock.json files of a repository: a template names its sections.
    /// A backslash could spell a key with escapes, so its presence forces a full parse.
    /// </summary>
    internal static bool MayBeTemplate(ReadOnlySpan<byte> utf8) =>
        utf8.IndexOf("Resources"u8) >= 0
        || utf8.IndexOf("AWSTemplateFormatVersion"u8) >= 0
        || utf8.IndexOf((byte)'\\') >= 0;

    private static string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var positions = default(Utf8Positions);
            positions.MoveTo(utf8, Math.Clamp(ex.Index, 0, utf8.Length));
            throw new LoadFailure(positions.Line, positions.Column, "the file is not UTF-8 text");
        }
    }

    private static byte[] ReadBounded(FileStream stream, long maxBytes)
    {
        if (stream.CanSeek)
        {
            // Filled by the read right away: zeroing megabytes first would be wasted work.
            var buffer = GC.AllocateUninitializedArray<byte>((int)stream.Length);
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == buffer.Length ? buffer : buffer[..read];
        }

        // A pipe or device: read until the limit, plus one byte to tell "too large" from "just fits".
        using var copy = new MemoryStream();
        var chunk = new byte[81920];
        int count;
        while ((count = stream.Read(chunk)) > 0)
        {
            copy.Write(chunk, 0, count);
            if (copy.Length > maxBytes)
            {
                break;
            }
        }

        return copy.ToArray();
    }

    private static ParseResult.Failed TooLarge(string path, long size, LoadLimits limits) =>
        Fail(path, $"the file is {Size(size)}, over the {Size(limits.MaxFileBytes)} limit (LoadLimits.MaxFileBytes)");

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    private static ParseResult.Failed Fail(string path, string message) => new(new LoadError(path, 0, 0, message));
}
