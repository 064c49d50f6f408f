using System.Text;
using System.Text.Json;
using Rampart.Policy.Reporting.Tests.Scan;

namespace Rampart.Policy.Reporting.Tests;

/// <summary>
/// The CLI writes a report file through <see cref="IReportWriter.Write(ScanReport, Stream)"/>, the console and the
/// golden tests through a text writer: both must give the same report, byte for byte.
/// </summary>
public sealed class StreamOutputTests
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    public static TheoryData<string> Formats => [.. ReportWriters.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Stream_output_is_the_text_output_in_utf8_without_a_byte_order_mark(string format)
    {
        var writer = ReportWriters.For(format, color: false)!;

        var bytes = WriteToStream(writer, GoldenScan.Report);

        Assert.Equal(Utf8WithoutBom.GetBytes(InMemoryScan.Write(writer, GoldenScan.Report)), bytes);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void A_report_larger_than_one_chunk_with_non_ascii_text_is_the_same_through_a_stream_and_a_text_writer(string format)
    {
        // Hundreds of findings in a file whose name is not ASCII: the JSON writers hand over their bytes in chunks,
        // and a chunk boundary can fall inside a character.
        var report = InMemoryScan.Report("modèles/sécurité-東京.yaml", OpenSecurityGroups(400));
        var writer = ReportWriters.For(format, color: false)!;

        var bytes = WriteToStream(writer, report);
        var text = InMemoryScan.Write(writer, report);

        Assert.True(bytes.Length > 100_000, $"the report must span several chunks; it has {bytes.Length} bytes");
        Assert.Equal(Utf8WithoutBom.GetBytes(text), bytes);
        Assert.DoesNotContain('\uFFFD', text);
        using var document = JsonDocument.Parse(bytes);
    }

    [Fact]
    public void Decoding_stream_keeps_a_character_split_between_writes_until_its_last_byte()
    {
        const string Text = "é 東京 🚀 done";
        var bytes = Encoding.UTF8.GetBytes(Text);
        using var output = new StringWriter();

        using (var stream = new Utf8DecodingStream(output))
        {
            foreach (var single in bytes)
            {
                stream.Write([single]);
            }
        }

        Assert.Equal(Text, output.ToString());
    }

    private static byte[] WriteToStream(IReportWriter writer, ScanReport report)
    {
        using var stream = new MemoryStream();
        writer.Write(report, stream);
        return stream.ToArray();
    }

    private static string OpenSecurityGroups(int count)
    {
        var template = new StringBuilder("Resources:\n");
        for (var i = 0; i < count; i++)
        {
            template.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                  Groupe{i}:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: "accès public"
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: 443
                          ToPort: 443
                          CidrIp: 0.0.0.0/0

                """);
        }

        return template.ToString();
    }
}
