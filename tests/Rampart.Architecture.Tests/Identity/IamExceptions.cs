namespace Rampart.Architecture.Tests.Identity;

/// <summary>
/// The documented exceptions to IAM-02 and IAM-06, in one place for every test that walks the roles and
/// policies of a template (identity, network, monitoring). An entry needs its reason; an exception that
/// is not listed here fails those tests.
/// </summary>
public static class IamExceptions
{
    private const string Ec2Describe = "EC2 Describe* actions support no resource-level permissions";
    private const string EbsAccountSetting = "an account-and-region setting of EC2: the action has no resource type";
    private const string VendedLogs =
        "CloudWatch Logs log delivery, which Step Functions uses for execution logging: the Step Functions guide grants these on * because they have no resource type";

    /// <summary>
    /// Actions for which the Service Authorization Reference lists no resource type, so <c>Resource: *</c>
    /// is the only way to grant them (IAM-02), with the reason and who uses each.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ActionsWithoutResourceArn { get; } = new Dictionary<string, string>
    {
        ["ecr:GetAuthorizationToken"] = "the registry token is account-wide, ECR gives it no resource type (task execution role)",
        ["cloudwatch:PutMetricData"] = "metrics have no ARN; the cloudwatch:namespace condition is the scope (task role, response, KPI publisher)",
        ["xray:PutTraceSegments"] = "X-Ray trace ingestion has no resource type (task role)",
        ["xray:PutTelemetryRecords"] = "X-Ray trace ingestion has no resource type (task role)",
        ["xray:GetSamplingRules"] = "X-Ray sampling has no resource type (task role)",
        ["xray:GetSamplingTargets"] = "X-Ray sampling has no resource type (task role)",
        ["ec2:DescribeManagedPrefixLists"] = $"{Ec2Describe}; aws:RequestedRegion is the scope (network's CloudFront prefix list lookup)",
        ["ec2:DescribeSecurityGroups"] = $"{Ec2Describe} (SSH remediation runbook)",
        ["ec2:DescribeSecurityGroupRules"] = $"{Ec2Describe} (response state machine)",
        ["ec2:EnableEbsEncryptionByDefault"] = $"{EbsAccountSetting} (EBS default encryption, its remediation)",
        ["ec2:ModifyEbsDefaultKmsKeyId"] = $"{EbsAccountSetting} (EBS default encryption)",
        ["ec2:GetEbsEncryptionByDefault"] = $"{EbsAccountSetting} (EBS default encryption remediation)",
        ["logs:CreateLogDelivery"] = VendedLogs,
        ["logs:GetLogDelivery"] = VendedLogs,
        ["logs:UpdateLogDelivery"] = VendedLogs,
        ["logs:DeleteLogDelivery"] = VendedLogs,
        ["logs:ListLogDeliveries"] = VendedLogs,
        ["logs:PutResourcePolicy"] = VendedLogs,
        ["logs:DescribeResourcePolicies"] = VendedLogs,
        ["logs:DescribeLogGroups"] = VendedLogs,
    };

    /// <summary>Why the trail's CloudWatch Logs delivery role trusts CloudTrail without a source condition (IAM-06).</summary>
    public const string TrailLogsDeliveryRoleReason =
        "CloudTrail documents that the role it assumes to deliver a trail to CloudWatch Logs supports neither aws:SourceArn nor aws:SourceAccount, " +
        "and a condition stops delivery; the role may only write the trail's own log streams (checked by the MON-01 tests)";

    /// <summary>True when <paramref name="action"/> may be granted on <c>Resource: *</c>.</summary>
    public static bool HasNoResourceArn(string action) => ActionsWithoutResourceArn.ContainsKey(action);

    /// <summary>
    /// The roles whose trust may lack <c>aws:SourceAccount</c>/<c>aws:SourceArn</c>: exactly the roles that a
    /// CloudTrail trail of the template names as its <c>CloudWatchLogsRoleArn</c> and that trust
    /// <c>cloudtrail.amazonaws.com</c> alone. A role is never excused by its name.
    /// </summary>
    public static IReadOnlySet<string> RolesTrustedWithoutSourceCondition(TemplateView template) =>
        template.PropertiesOf("AWS::CloudTrail::Trail")
            .Select(trail => TemplateQueries.ReferencedId(trail["CloudWatchLogsRoleArn"]))
            .OfType<string>()
            .Where(roleId => template.Resource(roleId)["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray()
                .All(statement => TemplateQueries.Strings(statement!["Principal"]?["Service"]).SequenceEqual(["cloudtrail.amazonaws.com"])
                    && statement["Principal"]!.AsObject().Count == 1))
            .ToHashSet();
}
