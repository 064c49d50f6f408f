namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-01: a CloudTrail trail records every region and global service, validates its log files, is
/// KMS-encrypted, streams to CloudWatch Logs, records S3 data events and is logging.
/// </summary>
public sealed class AuditTrailRule : IDeploymentRule
{
    public const string TrailType = "AWS::CloudTrail::Trail";

    public RuleMetadata Metadata { get; } = new(
        "MON-01",
        "CloudTrail records all regions, validated, encrypted and streamed to CloudWatch Logs",
        Severity.High,
        SeedSection.Monitoring,
        [FrameworkReference.Fsbp("CloudTrail.1"), FrameworkReference.Fsbp("CloudTrail.2"), FrameworkReference.Fsbp("CloudTrail.4"), FrameworkReference.Fsbp("CloudTrail.5")],
        new Remediation(
            CloudFormation: "Add an AWS::CloudTrail::Trail with IsLogging, IsMultiRegionTrail, IncludeGlobalServiceEvents and EnableLogFileValidation true, KMSKeyId, CloudWatchLogsLogGroupArn/CloudWatchLogsRoleArn, and an EventSelector with DataResources of type AWS::S3::Object for the sensitive buckets.",
            Cdk: "new Trail(this, 'Trail', { isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableFileValidation: true, encryptionKey, sendToCloudWatchLogs: true, bucket: auditBucket }) and trail.addS3EventSelector([{ bucket }])."))
    {
        SeedText = "AWS CloudTrail Configuration: all API calls across all regions; data events for sensitive S3 buckets; management events for all services; log file integrity validation; centralized logging to dedicated audit account.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var trails = deployment.OfType(TrailType).ToList();
        if (trails.Count == 0)
        {
            return [deployment.Fail("the deployment has no CloudTrail trail: API activity is not audited", Workloads.Types)];
        }

        return trails.SelectMany(Check).ToList();
    }

    private static IEnumerable<Violation> Check(ResourceContext trail)
    {
        foreach (var (property, what) in new[]
        {
            ("IsLogging", "is not logging"),
            ("IsMultiRegionTrail", "does not record every region"),
            ("IncludeGlobalServiceEvents", "does not record global service events (IAM, STS)"),
            ("EnableLogFileValidation", "does not validate its log files"),
        })
        {
            foreach (var value in trail.Get(property))
            {
                if (value.AsBoolean() != true && !(property == "IncludeGlobalServiceEvents" && value.IsAbsent))
                {
                    yield return value.IsUnknown
                        ? trail.Unprovable(value, $"{property} cannot be resolved", property)
                        : trail.Fail(value, $"trail {what} ({property} is {value.Describe()})", property);
                }
            }
        }

        foreach (var (property, what) in new[]
        {
            ("KMSKeyId", "is not encrypted with a KMS key"),
            ("CloudWatchLogsLogGroupArn", "does not stream to CloudWatch Logs, so no alarm can see it"),
        })
        {
            foreach (var value in trail.Get(property).Where(v => v.IsAbsent))
            {
                yield return trail.Fail(value, $"trail {what} ({property} is not set)", property);
            }
        }

        var dataEvents = trail.Get("EventSelectors[*].DataResources[*].Type").Concat(trail.Get("AdvancedEventSelectors[*].FieldSelectors[*].Equals[*]"));
        if (!dataEvents.Any(v => v.AsString() is "AWS::S3::Object"))
        {
            yield return trail.Fail("trail records no S3 data events: add an event selector for the sensitive buckets", "S3DataEvents");
        }
    }
}
