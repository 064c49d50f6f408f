using Amazon.CDK.AWS.GuardDuty;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// MON-05: a GuardDuty detector publishing findings every 15 minutes (the shortest interval, for MTTD under
/// 15 minutes), with S3 data-event protection and ECS runtime monitoring whose Fargate agent GuardDuty
/// manages itself (it adds a <c>guardduty-data</c> VPC endpoint to each VPC that runs tasks).
/// </summary>
public sealed class ThreatDetection : Construct
{
    public const string FindingPublishingFrequency = "FIFTEEN_MINUTES";

    public ThreatDetection(Construct scope, string id)
        : base(scope, id)
    {
        Detector = new CfnDetector(this, "Detector", new CfnDetectorProps
        {
            Enable = true,
            FindingPublishingFrequency = FindingPublishingFrequency,
            Features = new[]
            {
                new CfnDetector.CFNFeatureConfigurationProperty { Name = "S3_DATA_EVENTS", Status = "ENABLED" },
                new CfnDetector.CFNFeatureConfigurationProperty
                {
                    Name = "RUNTIME_MONITORING",
                    Status = "ENABLED",
                    AdditionalConfiguration = new[]
                    {
                        new CfnDetector.CFNFeatureAdditionalConfigurationProperty { Name = "ECS_FARGATE_AGENT_MANAGEMENT", Status = "ENABLED" },
                    },
                },
            },
        });
    }

    /// <summary>The GuardDuty detector of this account and region.</summary>
    public CfnDetector Detector { get; }
}
