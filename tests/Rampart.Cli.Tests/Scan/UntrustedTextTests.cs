using System.Xml.Linq;
using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

/// <summary>
/// A scanned template is untrusted input. Its names and values reach every report and error line; there, a control
/// character must neither drive the reader's terminal nor break a format (found by mutating templates: a "\b" in a
/// JSON value made the JUnit report crash with exit code 3).
/// </summary>
public sealed class UntrustedTextTests : IDisposable
{
    private const char Escape = '\u001b';

    // Valid JSON: the escapes are the template's own, CloudFormation would take them.
    private const string Hostile = """
        {
          "Resources": {
            "Web\u001b[2J": {
              "Type": "AWS::EC2::SecurityGroup",
              "Properties": {
                "GroupDescription": "web",
                "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" }],
                "Tags": [{ "Key": "Owner\u001b]0;owned\u0007", "Value": "a\bb" }]
              }
            }
          }
        }
        """;

    private readonly TempRepository _repository = new();

    public UntrustedTextTests()
    {
        _repository.Write("hostile.json", Hostile);
        // YAML decodes "\e" in a double-quoted key into the escape character itself, and the error quotes the key.
        _repository.Write("broken.yaml", "Resources:\n  \"A\\e[31m\":\n    Type: AWS::S3::Bucket\n  \"A\\e[31m\":\n    Type: AWS::S3::Bucket\n");
    }

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("console")]
    [InlineData("junit")]
    [InlineData("html")]
    public void Reports_for_people_and_error_lines_show_control_characters_as_escapes(string format)
    {
        // Not a terminal, so no colour: any escape character in the output would be the template's.
        var result = InProcess.Run(_repository.Root, "scan", ".", "--format", format);

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("Web\\u001B[2J", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, result.Output);
        Assert.DoesNotContain(Escape, result.Error);
        Assert.Contains("broken.yaml:4:3: duplicate key \"A\\u001b[31m\"", format == "console" ? result.Output : result.Error, StringComparison.Ordinal);
        if (format == "junit")
        {
            Assert.Equal("testsuites", XDocument.Parse(result.Output).Root!.Name.LocalName);
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Reports_for_machines_keep_the_exact_text_escaped_by_json(string format)
    {
        var result = InProcess.Run(_repository.Root, "scan", ".", "--format", format);

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        Assert.Contains("Web\\u001B[2J", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, result.Output);
        Assert.DoesNotContain(Escape, result.Error);
    }
}
