using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rampart.Policy.Reporting;

/// <summary>
/// How the JSON formats (Rampart's JSON, SARIF) reach their output: indented, non-ASCII text kept readable, UTF-8
/// handed on in small chunks while it is written, so a report of thousands of findings is never held whole in memory
/// (as bytes, then as a string) before it reaches its file.
/// </summary>
internal static class JsonReportOutput
{
    /// <summary>Written bytes held before they go to the output: few writes, and a buffer that stays small.</summary>
    private const int FlushThreshold = 32 * 1024;

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <remarks>
    /// Validation is skipped: the writers' code fixes the document's shape (checked by the golden, parse and SARIF
    /// schema tests), and checking every property and value against the nesting state costs ~10% of the writing.
    /// </remarks>
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Text encoded once with the report's escaping, for values that repeat on every finding.</summary>
    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, Options.Encoder);

    /// <summary>Hands the written bytes on once enough have gathered; call between findings.</summary>
    public static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushThreshold)
        {
            json.Flush();
        }
    }

    /// <summary>The document, then a line end, as UTF-8 to a stream (a file).</summary>
    public static void Write(Stream output, Action<Utf8JsonWriter> writeDocument)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            writeDocument(json);
        }

        output.Write(NewLine);
        output.Flush();
    }

    /// <summary>The document, then the writer's line end, decoded in chunks into a text writer (the console, a test's StringWriter).</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeDocument)
    {
        using (var decoding = new Utf8DecodingStream(output))
        using (var json = new Utf8JsonWriter(decoding, Options))
        {
            writeDocument(json);
        }

        output.WriteLine();
    }
}
