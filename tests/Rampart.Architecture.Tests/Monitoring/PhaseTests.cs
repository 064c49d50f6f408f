using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>The seed's phases: each phase adds monitoring controls; no phase deploys a weaker version of one.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class PhaseTests : IClassFixture<PhaseOneArchitecture>, IClassFixture<PhaseTwoArchitecture>
{
    private static readonly string[] PhaseTwoTypes =
    [
        "AWS::SecurityHub::Hub",
        "AWS::SecurityHub::Standard",
        "AWS::GuardDuty::Detector",
        "AWS::SNS::Topic",
        "AWS::SNS::Subscription",
        "AWS::Events::Rule",
        "AWS::CloudWatch::Alarm",
        "AWS::Logs::MetricFilter",
    ];

    private static readonly string[] PhaseThreeTypes =
    [
        "AWS::Config::RemediationConfiguration",
        "AWS::StepFunctions::StateMachine",
        "AWS::CloudWatch::Dashboard",
        "AWS::Lambda::Function",
    ];

    private readonly TemplateView _phaseOne;
    private readonly TemplateView _phaseTwo;
    private readonly TemplateView _phaseThree;

    public PhaseTests(PhaseOneArchitecture phaseOne, PhaseTwoArchitecture phaseTwo, DefaultArchitecture phaseThree)
    {
        _phaseOne = phaseOne.Workload();
        _phaseTwo = phaseTwo.Workload();
        _phaseThree = phaseThree.Workload();
    }

    [Fact]
    public void Phase_1_deploys_cloudtrail_and_config_only()
    {
        Assert.Single(_phaseOne.Monitoring("AWS::CloudTrail::Trail"));
        Assert.Single(_phaseOne.Monitoring("AWS::Config::ConfigurationRecorder"));
        Assert.Equal(8, _phaseOne.Monitoring("AWS::Config::ConfigRule").Count);
        Assert.All(PhaseTwoTypes.Concat(PhaseThreeTypes), type => Assert.Empty(_phaseOne.Monitoring(type)));
    }

    [Fact]
    public void Phase_2_adds_security_hub_guardduty_application_monitoring_and_alerting_but_no_automated_response()
    {
        Assert.All(PhaseTwoTypes, type => Assert.NotEmpty(_phaseTwo.Monitoring(type)));
        Assert.All(PhaseThreeTypes, type => Assert.Empty(_phaseTwo.Monitoring(type)));
    }

    [Fact]
    public void Phase_3_adds_automated_response_and_the_kpi_dashboard()
    {
        Assert.All(PhaseTwoTypes.Concat(PhaseThreeTypes), type => Assert.NotEmpty(_phaseThree.Monitoring(type)));
    }

    [Fact]
    public void MON_01_MON_03_a_lower_phase_never_deploys_a_weaker_trail_or_recorder()
    {
        AssertNoWeakerIn(_phaseOne, _phaseThree);
    }

    [Fact]
    public void MON_04_to_MON_07_MON_09_a_lower_phase_never_deploys_weaker_detection_or_alerting()
    {
        AssertNoWeakerIn(_phaseTwo, _phaseThree);
    }

    // Every monitoring resource of the lower phase exists in the higher one with the same properties. Key
    // policies may only gain statements (a later phase adds a role that uses the key).
    private static void AssertNoWeakerIn(TemplateView lower, TemplateView higher)
    {
        var resources = lower.ResourceSection.Where(r => r.Key.StartsWith(MonitoringPrefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(resources);

        Assert.All(resources, resource =>
        {
            Assert.True(higher.ResourceSection.ContainsKey(resource.Key), $"{resource.Key} is missing from the higher phase");
            var before = resource.Value!.AsObject();
            var after = higher.Resource(resource.Key);
            if ((string)before["Type"]! == "AWS::KMS::Key")
            {
                var kept = Statements(after.Properties()["KeyPolicy"]);
                Assert.All(Statements(before.Properties()["KeyPolicy"]), s => Assert.Contains(kept, k => SameJson(k, s)));
                Assert.True(SameJson(before.Properties()["EnableKeyRotation"], after.Properties()["EnableKeyRotation"]));
            }
            else
            {
                Assert.True(SameJson(before["Properties"], after["Properties"]), $"{resource.Key} differs between phases");
            }
        });
    }
}
