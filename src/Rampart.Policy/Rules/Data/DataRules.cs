namespace Rampart.Policy.Rules.Data;

/// <summary>The rules of the seed's Data section, in control order.</summary>
public static class DataRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new RdsEncryptedWithCustomerKeyRule(),
        new RdsRequiresTlsRule(),
        new RdsResilientAndIsolatedRule(),
        new EbsVolumesEncryptedRule(),
        new S3BucketsHardenedRule(),
        new KmsKeysDedicatedAndRotatedRule(),
        new LogGroupsEncryptedWithRetentionRule(),
        new TrafficEncryptedInTransitRule(),
    ];
}
