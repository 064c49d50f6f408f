using System.Text.Json;
using YamlDotNet.Core;

// The cheapest whole-process .NET baseline for `rampart scan FILE`: read the file, parse it, print a count.
// JSON: JsonDocument.Parse over the bytes, then the number of resources. YAML: YamlDotNet's Parser event
// loop, then the number of events. No model, no positions, no rules, no report.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: rampart-bench-floor TEMPLATE");
    return 2;
}

byte[] bytes;
try
{
    bytes = File.ReadAllBytes(args[0]);
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"rampart-bench-floor: {args[0]}: {ex.Message}");
    return 2;
}

var start = bytes.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
if (start >= 0 && bytes[start] == (byte)'{')
{
    using var document = JsonDocument.Parse(bytes);
    var count = document.RootElement.TryGetProperty("Resources", out var resources)
        ? resources.EnumerateObject().Count()
        : 0;
    Console.WriteLine(count);
}
else
{
    using var reader = new StreamReader(new MemoryStream(bytes));
    var parser = new Parser(reader);
    var events = 0;
    while (parser.MoveNext())
    {
        events++;
    }

    Console.WriteLine(events);
}

return 0;
