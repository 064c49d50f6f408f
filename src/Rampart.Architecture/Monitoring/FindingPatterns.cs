using Amazon.CDK.AWS.Events;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// The EventBridge patterns of findings worth a human (MON-06) and an automated response (MON-08). The
/// threshold is Security Hub's normalized severity (0-100); GuardDuty's own scale is 0-10.
/// </summary>
public static class FindingPatterns
{
    // Security Hub severity labels and the normalized ranges they stand for.
    private static readonly (string Label, int Lowest, int Highest)[] SeverityLabels =
    [
        ("LOW", 1, 39),
        ("MEDIUM", 40, 69),
        ("HIGH", 70, 89),
        ("CRITICAL", 90, 100),
    ];

    /// <summary>Checks a threshold before any pattern is built: one line saying what is accepted.</summary>
    public static void Validate(int severityThreshold)
    {
        if (severityThreshold is < 1 or > 100)
        {
            throw new ArgumentException(
                $"Monitoring.AlertSeverityThreshold: {severityThreshold} is not accepted; use a normalized severity from 1 to 100 (70 = HIGH).",
                nameof(severityThreshold));
        }
    }

    /// <summary>The threshold on GuardDuty's scale: normalized 70 is GuardDuty 7.0, where "High" starts.</summary>
    public static double GuardDutySeverity(int severityThreshold) => severityThreshold / 10.0;

    /// <summary>
    /// The Security Hub labels that can reach the threshold: a label is included when its range reaches it,
    /// so a threshold inside a range alerts on the whole label rather than miss findings.
    /// </summary>
    public static IReadOnlyList<string> SecurityHubLabels(int severityThreshold) =>
        SeverityLabels.Where(l => l.Highest >= severityThreshold).Select(l => l.Label).ToList();

    /// <summary>GuardDuty findings at or above the threshold.</summary>
    public static EventPattern GuardDutyFindings(int severityThreshold) => new()
    {
        Source = ["aws.guardduty"],
        DetailType = ["GuardDuty Finding"],
        Detail = new Dictionary<string, object>
        {
            ["severity"] = new object[] { new Dictionary<string, object> { ["numeric"] = new object[] { ">=", GuardDutySeverity(severityThreshold) } } },
        },
    };

    /// <summary>
    /// New, active Security Hub findings at or above the threshold, except those GuardDuty and Config
    /// also send to Security Hub: their own rules already alert on them.
    /// </summary>
    public static EventPattern SecurityHubFindings(int severityThreshold) => new()
    {
        Source = ["aws.securityhub"],
        DetailType = ["Security Hub Findings - Imported"],
        Detail = new Dictionary<string, object>
        {
            ["findings"] = new Dictionary<string, object>
            {
                ["Severity"] = new Dictionary<string, object> { ["Label"] = SecurityHubLabels(severityThreshold).ToArray() },
                ["Workflow"] = new Dictionary<string, object> { ["Status"] = new[] { "NEW" } },
                ["RecordState"] = new[] { "ACTIVE" },
                ["ProductName"] = new object[] { new Dictionary<string, object> { ["anything-but"] = new[] { "GuardDuty", "Config" } } },
            },
        },
    };

    /// <summary>Config rule evaluations that turn a resource NON_COMPLIANT.</summary>
    public static EventPattern ConfigNonCompliance() => new()
    {
        Source = ["aws.config"],
        DetailType = ["Config Rules Compliance Change"],
        Detail = new Dictionary<string, object>
        {
            ["messageType"] = new[] { "ComplianceChangeNotification" },
            ["newEvaluationResult"] = new Dictionary<string, object> { ["complianceType"] = new[] { "NON_COMPLIANT" } },
        },
    };
}
