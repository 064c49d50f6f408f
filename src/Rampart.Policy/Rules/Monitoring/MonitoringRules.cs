namespace Rampart.Policy.Rules.Monitoring;

/// <summary>The rules of the seed's "Security Monitoring and Compliance" section (MON-*), in control order.</summary>
public static class MonitoringRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new AuditTrailRule(),
        new AuditBucketLockedDownRule(),
        new ConfigRecordsSeedRulesRule(),
        new SecurityHubStandardsRule(),
        new GuardDutyDetectorRule(),
        new FindingsReachEncryptedTopicRule(),
        new ApplicationSecurityEventsRule(),
        new CisAlarmsRule(),
    ];
}
