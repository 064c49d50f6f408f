using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>Inputs of <see cref="CisBenchmarkAlarms"/>.</summary>
public sealed class CisBenchmarkAlarmsProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The log group of the multi-region trail (CIS requires the trail's CloudWatch Logs copy).</summary>
    public required ILogGroup TrailLogGroup { get; init; }

    /// <summary>Where the alarms notify.</summary>
    public required ITopic AlarmTopic { get; init; }
}

/// <summary>One CIS AWS Foundations Benchmark monitoring recommendation (section 4): a metric filter and its alarm.</summary>
public sealed record CisMonitoringCheck(string Recommendation, string MetricName, string Description, string FilterPattern);

/// <summary>
/// MON-09: the CIS AWS Foundations Benchmark's section 4 metric filters on the trail's log group, each with an
/// alarm (one or more matches in 5 minutes) notifying the alert topic.
/// </summary>
public sealed class CisBenchmarkAlarms : Construct
{
    /// <summary>The checks, filter patterns as CIS 4.x writes them (4.1 parenthesized so that its ORs bind first).</summary>
    public static readonly IReadOnlyList<CisMonitoringCheck> Checks =
    [
        new("4.1", "UnauthorizedApiCalls", "Unauthorized API calls",
            "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }"),
        new("4.2", "ConsoleSignInWithoutMfa", "Management console sign-in without MFA",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),
        new("4.3", "RootAccountUsage", "Usage of the root account",
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
        new("4.4", "IamPolicyChanges", "IAM policy changes",
            "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }"),
        new("4.5", "CloudTrailConfigurationChanges", "CloudTrail configuration changes",
            "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"),
        new("4.6", "ConsoleAuthenticationFailures", "Management console authentication failures",
            "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"),
        new("4.7", "CustomerManagedKeyDisablingOrDeletion", "Disabling or scheduled deletion of customer-managed keys",
            "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"),
        new("4.8", "S3BucketPolicyChanges", "S3 bucket policy changes",
            "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"),
        new("4.9", "ConfigConfigurationChanges", "AWS Config configuration changes",
            "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }"),
        new("4.10", "SecurityGroupChanges", "Security group changes",
            "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"),
        new("4.11", "NetworkAclChanges", "Network ACL changes",
            "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"),
        new("4.12", "NetworkGatewayChanges", "Network gateway changes",
            "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"),
        new("4.13", "RouteTableChanges", "Route table changes",
            "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"),
        new("4.14", "VpcChanges", "VPC changes",
            "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"),
    ];

    public CisBenchmarkAlarms(Construct scope, string id, CisBenchmarkAlarmsProps props)
        : base(scope, id)
    {
        MetricNamespace = MonitoringNames.MetricNamespace(props.Application, props.Environment, "CloudTrailMetrics");
        var alarms = new List<IAlarm>();
        foreach (var check in Checks)
        {
            _ = new MetricFilter(this, $"{check.MetricName}Filter", new MetricFilterProps
            {
                LogGroup = props.TrailLogGroup,
                FilterPattern = FilterPattern.Literal(check.FilterPattern),
                MetricNamespace = MetricNamespace,
                MetricName = check.MetricName,
                MetricValue = "1",
            });

            var alarm = new Alarm(this, $"{check.MetricName}Alarm", new AlarmProps
            {
                AlarmName = $"{props.Application}-{props.Environment}-cis-{check.Recommendation}-{check.MetricName}",
                AlarmDescription = $"CIS AWS Foundations Benchmark {check.Recommendation}: {check.Description} (MON-09)",
                Metric = new Metric(new MetricProps
                {
                    Namespace = MetricNamespace,
                    MetricName = check.MetricName,
                    Statistic = "Sum",
                    Period = Duration.Minutes(5),
                }),
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            alarm.AddAlarmAction(new SnsAction(props.AlarmTopic));
            alarms.Add(alarm);
        }

        Alarms = alarms;
    }

    /// <summary>The namespace of the CIS metrics.</summary>
    public string MetricNamespace { get; }

    /// <summary>One alarm per check, in <see cref="Checks"/> order.</summary>
    public IReadOnlyList<IAlarm> Alarms { get; }
}
