namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-07: CloudWatch log groups are encrypted with a customer-managed KMS key (<c>KmsKeyId</c>; without it
/// CloudWatch Logs uses its own service key) and have a retention period (<c>RetentionInDays</c>; without it logs are
/// kept, and paid for, forever). Keys: <c>encryption</c>, <c>retention</c>.
/// </summary>
public sealed class LogGroupsEncryptedWithRetentionRule : IResourceRule
{
    public const string LogGroupType = "AWS::Logs::LogGroup";

    public RuleMetadata Metadata { get; } = new(
        "DATA-07",
        "CloudWatch log groups are KMS-encrypted and have a retention period",
        Severity.Medium,
        SeedSection.Data,
        [FrameworkReference.Fsbp("CloudWatch.16"), FrameworkReference.Config("cloudwatch-log-group-encrypted"), FrameworkReference.Config("cw-loggroup-retention-period-check")],
        new Remediation(
            CloudFormation: "Set KmsKeyId: !GetAtt LogsKey.Arn (the key policy must allow the logs.<region>.amazonaws.com principal) and RetentionInDays (e.g. 365) on every AWS::Logs::LogGroup.",
            Cdk: "new LogGroup(this, \"Logs\", new LogGroupProps { EncryptionKey = keys.For(KeyService.Logs), Retention = RetentionDays.ONE_YEAR })."));

    public IReadOnlyList<string> ResourceTypes { get; } = [LogGroupType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var key in resource.Get("KmsKeyId"))
        {
            if (Keys.RequireCustomerManaged(resource, key, "log group", "is encrypted only with keys CloudWatch Logs owns (KmsKeyId is not set)", "encryption") is { } violation)
            {
                yield return violation;
            }
        }

        foreach (var retention in resource.Get("RetentionInDays"))
        {
            var days = retention.AsInteger();
            var message = days switch
            {
                > 0 => null,
                { } d => $"log group has RetentionInDays {d}: it must be a positive number of days",
                null when retention.IsAbsent => "log group keeps its logs forever: RetentionInDays is not set",
                null => $"log group has RetentionInDays {retention.Describe()}: it must be set",
            };
            if (message is not null)
            {
                yield return resource.Fail(retention, message, "retention");
            }
        }
    }
}
