using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DetectionTests(DefaultArchitecture architecture)
{
    private readonly TemplateView _template = architecture.Workload();

    [Fact]
    public void MON_04_security_hub_subscribes_fsbp_and_cis_with_regional_arns()
    {
        var (hubId, hub) = _template.Single("AWS::SecurityHub::Hub");
        Assert.False((bool)hub.Properties()["EnableDefaultStandards"]!);
        Assert.Equal("SECURITY_CONTROL", (string)hub.Properties()["ControlFindingGenerator"]!);

        var standards = _template.OfType("AWS::SecurityHub::Standard");
        Assert.Equal(
            [
                "arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0",
                "arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/cis-aws-foundations-benchmark/v/3.0.0",
            ],
            standards.Select(s => Text(s.Resource.Properties()["StandardsArn"])).Order().ToList());
        Assert.All(standards, s => Assert.Contains(hubId, s.Resource.DependsOn()));
    }

    [Fact]
    public void MON_04_pci_dss_is_not_subscribed_unless_configured()
    {
        Assert.DoesNotContain(
            _template.OfType("AWS::SecurityHub::Standard"),
            s => Text(s.Resource.Properties()["StandardsArn"]).Contains("pci-dss", StringComparison.Ordinal));
    }

    [Fact]
    public void MON_05_guardduty_publishes_every_fifteen_minutes()
    {
        var detector = _template.Single("AWS::GuardDuty::Detector").Resource.Properties();

        Assert.True((bool)detector["Enable"]!);
        Assert.Equal("FIFTEEN_MINUTES", (string)detector["FindingPublishingFrequency"]!);
    }

    [Fact]
    public void MON_05_guardduty_protects_s3_data_events_and_ecs_runtime_with_a_managed_fargate_agent()
    {
        var features = _template.Single("AWS::GuardDuty::Detector").Resource.Properties()["Features"]!.AsArray()
            .ToDictionary(f => (string)f!["Name"]!, f => f!);

        Assert.Equal("ENABLED", (string)features["S3_DATA_EVENTS"]["Status"]!);
        Assert.Equal("ENABLED", (string)features["RUNTIME_MONITORING"]["Status"]!);
        var agent = Assert.Single(features["RUNTIME_MONITORING"]["AdditionalConfiguration"]!.AsArray())!;
        Assert.Equal("ECS_FARGATE_AGENT_MANAGEMENT", (string)agent["Name"]!);
        Assert.Equal("ENABLED", (string)agent["Status"]!);
        Assert.Null(_template.Single("AWS::GuardDuty::Detector").Resource.Properties()["DataSources"]);
    }
}
