namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-05: a GuardDuty detector is enabled, publishes findings every 15 minutes, and protects S3 (data
/// events) and ECS (runtime monitoring with the Fargate agent managed).
/// </summary>
public sealed class GuardDutyDetectorRule : IDeploymentRule
{
    public RuleMetadata Metadata { get; } = new(
        "MON-05",
        "GuardDuty is on, publishing every 15 minutes, with S3 and ECS runtime protection",
        Severity.High,
        SeedSection.Monitoring,
        [FrameworkReference.Fsbp("GuardDuty.1")],
        new Remediation(
            CloudFormation: "Add an AWS::GuardDuty::Detector with Enable: true, FindingPublishingFrequency: FIFTEEN_MINUTES and Features S3_DATA_EVENTS (ENABLED) and RUNTIME_MONITORING (ENABLED, AdditionalConfiguration ECS_FARGATE_AGENT_MANAGEMENT ENABLED).",
            Cdk: "new guardduty.CfnDetector(this, 'Detector', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }, { name: 'RUNTIME_MONITORING', status: 'ENABLED', additionalConfiguration: [{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' }] }] })."))
    {
        SeedText = "Amazon GuardDuty: malicious IP communication, cryptocurrency mining, data exfiltration, compromised instance and suspicious DNS detection.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var detectors = deployment.OfType("AWS::GuardDuty::Detector").ToList();
        if (detectors.Count == 0)
        {
            return [deployment.Fail("GuardDuty is not enabled in the deployment (no AWS::GuardDuty::Detector)", Workloads.Types, "Detector")];
        }

        return detectors.SelectMany(Check).ToList();
    }

    private static IEnumerable<Violation> Check(ResourceContext detector)
    {
        foreach (var enable in detector.Get("Enable").Where(v => v.AsBoolean() != true))
        {
            yield return detector.Fail(enable, $"the detector is not enabled (Enable is {enable.Describe()})", "Enable");
        }

        foreach (var frequency in detector.Get("FindingPublishingFrequency").Where(v => v.AsString() != "FIFTEEN_MINUTES"))
        {
            yield return detector.Fail(frequency, $"findings are published every {frequency.Describe()} (default: six hours); the seed's MTTD < 15 min needs FIFTEEN_MINUTES", "Frequency");
        }

        var features = detector.Get("Features[*]").ToList();
        bool Enabled(string name) => features.Any(f => detector.Get(f, "Name").Any(n => n.AsString() == name) && detector.Get(f, "Status").Any(s => s.AsString() == "ENABLED"));

        if (!Enabled("S3_DATA_EVENTS") && !Workloads.IsTrue(detector.Get("DataSources.S3Logs.Enable")))
        {
            yield return detector.Fail("S3 protection (S3_DATA_EVENTS) is not enabled", "S3_DATA_EVENTS");
        }

        var runtime = features.FirstOrDefault(f => detector.Get(f, "Name").Any(n => n.AsString() is "RUNTIME_MONITORING" or "ECS_RUNTIME_MONITORING"));
        var fargateAgent = runtime is not null
            && detector.Get(runtime, "Status").Any(s => s.AsString() == "ENABLED")
            && detector.Get(runtime, "AdditionalConfiguration[*]").Any(c => detector.Get(c, "Name").Any(n => n.AsString() == "ECS_FARGATE_AGENT_MANAGEMENT") && detector.Get(c, "Status").Any(s => s.AsString() == "ENABLED"));
        if (!fargateAgent)
        {
            yield return detector.Fail("ECS runtime protection (RUNTIME_MONITORING with ECS_FARGATE_AGENT_MANAGEMENT) is not enabled", "RUNTIME_MONITORING");
        }
    }
}
