using System.Text.Json;
using Rampart.Cli.Tests.Support;

namespace Rampart.Cli.Tests.Scan;

public sealed class CloudAssemblyTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_cdk_out_folder_is_scanned_as_one_deployment_through_its_manifest()
    {
        _repository.Write("cdk.out/manifest.json",
            """
            {
              "version": "36.0.0",
              "artifacts": {
                "AppStack": {
                  "type": "aws:cloudformation:stack",
                  "environment": "aws://unknown-account/unknown-region",
                  "properties": { "templateFile": "AppStack.template.json" }
                }
              }
            }
            """);
        _repository.Write("cdk.out/AppStack.template.json",
            """
            {
              "Resources": {
                "AdminSg": {
                  "Type": "AWS::EC2::SecurityGroup",
                  "Properties": {
                    "GroupDescription": "admin",
                    "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0" } ]
                  }
                }
              }
            }
            """);
        // Not named by the manifest: an assembly is read through its manifest, not as loose files.
        _repository.Write("cdk.out/Stray.template.json", Templates.PublicSsh);

        var result = InProcess.Run(_repository.Root, "scan", "cdk.out", "--format", "json", "--only", "NET-07");

        Assert.Equal(ExitCode.Findings, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("cdk.out/AppStack.template.json", finding.GetProperty("file").GetString());
        Assert.Equal("cdk.out", finding.GetProperty("deployment").GetString());
        Assert.Equal(7, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("summary").GetProperty("templates").GetInt32());
    }
}
