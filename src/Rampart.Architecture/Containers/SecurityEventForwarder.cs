using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Logs.Destinations;
using Constructs;
using Rampart.Architecture.Data;
using Rampart.Architecture.Identity;
using Rampart.Architecture.Monitoring;

namespace Rampart.Architecture.Containers;

/// <summary>Inputs of <see cref="SecurityEventForwarder"/>.</summary>
public sealed class SecurityEventForwarderProps
{
    /// <summary>The application containers' log group, where the application writes everything to stdout.</summary>
    public required ILogGroup ApplicationLogGroup { get; init; }

    /// <summary>
    /// The name of the security log group that counts and keeps the events (MON-07),
    /// <c>/&lt;application&gt;/&lt;environment&gt;/security</c>. Named rather than passed: monitoring is built later.
    /// </summary>
    public required string SecurityLogGroupName { get; init; }

    /// <summary>The logs key for the forwarder's own log group.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>How long the forwarder's own logs are kept.</summary>
    public required RetentionDays LogRetention { get; init; }

    /// <summary>The regions the forwarder's role may act in (<c>aws:RequestedRegion</c>); must include the stack's region.</summary>
    public required IReadOnlyList<string> AllowedRegions { get; init; }
}

/// <summary>
/// Copies the application's security events (MON-07) from its log group to the security log group.
/// The application writes one JSON object per event to stdout like any other line; a subscription
/// filter selects the lines whose <c>event</c> is one of <see cref="ApplicationSecurityLogging.Events"/>,
/// and a small function appends them to the security group, whose metric filters and alarm count
/// them. The application needs no permission for this, and cannot write to or delete from the
/// security group: its events are kept apart from what it controls.
/// </summary>
public sealed class SecurityEventForwarder : Construct
{
    /// <summary>The function's code: decode the subscription payload, append its events under the same stream name.</summary>
    public const string HandlerCode = """
        import base64, gzip, json, os
        import boto3

        LOGS = boto3.client("logs")
        GROUP = os.environ["SECURITY_LOG_GROUP"]
        BATCH = 1000


        def handler(event, context):
            payload = json.loads(gzip.decompress(base64.b64decode(event["awslogs"]["data"])))
            if payload.get("messageType") != "DATA_MESSAGE":
                return 0
            stream = payload["logStream"].replace(":", "_").replace("*", "_")
            events = sorted(
                ({"timestamp": e["timestamp"], "message": e["message"]} for e in payload["logEvents"]),
                key=lambda e: e["timestamp"],
            )
            try:
                LOGS.create_log_stream(logGroupName=GROUP, logStreamName=stream)
            except LOGS.exceptions.ResourceAlreadyExistsException:
                pass
            for start in range(0, len(events), BATCH):
                LOGS.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=events[start:start + BATCH])
            return len(events)
        """;

    public SecurityEventForwarder(Construct scope, string id, SecurityEventForwarderProps props)
        : base(scope, id)
    {
        if (string.IsNullOrWhiteSpace(props.SecurityLogGroupName) || !props.SecurityLogGroupName.StartsWith('/'))
        {
            throw new ArgumentException(
                $"SecurityEventForwarderProps.SecurityLogGroupName '{props.SecurityLogGroupName}' is not accepted: the security log group's name, e.g. /webapp/dev/security.");
        }

        var stack = Stack.Of(this);
        var regions = RegionGuard.Checked(this, props.AllowedRegions, "SecurityEventForwarderProps.AllowedRegions");
        var logGroup = new EncryptedLogGroup(this, "Logs", new EncryptedLogGroupProps
        {
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
        }).LogGroup;

        SecurityLogGroupArn = stack.FormatArn(new ArnComponents
        {
            Service = "logs",
            Resource = "log-group",
            ResourceName = props.SecurityLogGroupName,
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        });
        var role = new Role(this, "Role", new RoleProps
        {
            Description = "Appends the application's security events to the security log group",
            AssumedBy = TrustPolicies.Service("lambda.amazonaws.com", this),
        });
        string[] writeActions = ["logs:CreateLogStream", "logs:PutLogEvents"];
        role.AddToPrincipalPolicy(GuardedStatements.Allow("AppendSecurityEvents", writeActions, [$"{SecurityLogGroupArn}:*"], regions));
        role.AddToPrincipalPolicy(GuardedStatements.Allow("WriteOwnLogs", writeActions, [logGroup.LogGroupArn], regions));

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "Appends the application's security events (MON-07) to the security log group",
            Runtime = Runtime.PYTHON_3_12,
            Architecture = Amazon.CDK.AWS.Lambda.Architecture.ARM_64,
            Handler = "index.handler",
            Code = Code.FromInline(HandlerCode),
            MemorySize = 128,
            Timeout = Duration.Seconds(30),
            Role = role,
            LogGroup = logGroup,
            Environment = new Dictionary<string, string> { ["SECURITY_LOG_GROUP"] = props.SecurityLogGroupName },
        });
        Function.Node.AddDependency(role);

        Subscription = new SubscriptionFilter(this, "Subscription", new SubscriptionFilterProps
        {
            LogGroup = props.ApplicationLogGroup,
            Destination = new LambdaDestination(Function),
            FilterPattern = SecurityEventPattern,
        });
    }

    /// <summary>JSON log lines whose <c>event</c> is one MON-07 counts.</summary>
    public static IFilterPattern SecurityEventPattern => FilterPattern.Any(
        FilterPattern.StringValue("$.event", "=", ApplicationSecurityLogging.Events.Authentication),
        FilterPattern.StringValue("$.event", "=", ApplicationSecurityLogging.Events.Authorization),
        FilterPattern.StringValue("$.event", "=", ApplicationSecurityLogging.Events.DataAccess),
        FilterPattern.StringValue("$.event", "=", ApplicationSecurityLogging.Events.ConfigurationChange));

    /// <summary>The ARN of the security log group the events are appended to.</summary>
    public string SecurityLogGroupArn { get; }

    /// <summary>The forwarding function.</summary>
    public Function Function { get; }

    /// <summary>The subscription filter on the application log group.</summary>
    public SubscriptionFilter Subscription { get; }
}
