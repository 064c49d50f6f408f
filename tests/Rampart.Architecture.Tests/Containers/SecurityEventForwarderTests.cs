using Rampart.Architecture.Containers;
using Rampart.Architecture.Monitoring;
using Rampart.Architecture.Tests.Edge;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Containers;

/// <summary>
/// MON-07 from the containers' side: the application's security events, written to stdout, reach
/// monitoring's security log group, and nothing the application controls can write there.
/// </summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class SecurityEventForwarderTests(DefaultArchitecture architecture)
{
    private TemplateView Template => architecture.Workload();

    [Fact]
    public void MON_07_security_events_are_selected_from_the_application_log_group()
    {
        var (_, filter) = Template.One("AWS::Logs::SubscriptionFilter");
        var pattern = (string)filter["FilterPattern"]!;

        Assert.Equal(Template.Single("AWS::Logs::LogGroup", "ApplicationLogs"), TemplateQueries.ReferencedId(filter["LogGroupName"]));
        Assert.Equal(Template.Single("AWS::Lambda::Function", "SecurityEventForwarderFunction"), TemplateQueries.ReferencedId(filter["DestinationArn"]));
        foreach (var name in new[]
        {
            ApplicationSecurityLogging.Events.Authentication, ApplicationSecurityLogging.Events.Authorization,
            ApplicationSecurityLogging.Events.DataAccess, ApplicationSecurityLogging.Events.ConfigurationChange,
        })
        {
            Assert.Contains($"($.event = \"{name}\")", pattern, StringComparison.Ordinal);
        }

        Assert.Contains("||", pattern, StringComparison.Ordinal);
        Assert.DoesNotContain("&&", pattern, StringComparison.Ordinal);
    }

    [Fact]
    public void MON_07_forwarder_appends_to_monitorings_security_log_group()
    {
        var function = Template.Properties(Template.Single("AWS::Lambda::Function", "SecurityEventForwarderFunction"));
        var target = (string)function["Environment"]!["Variables"]!["SECURITY_LOG_GROUP"]!;

        // The group monitoring creates, counts (metric filters) and alarms on.
        Assert.Equal("/webapp/dev/security", target);
        Assert.Contains(Template.PropertiesOf("AWS::Logs::LogGroup"), g => (string?)g["LogGroupName"] == target);
        Assert.Contains(Template.PropertiesOf("AWS::Logs::MetricFilter"), f => EdgeQueries.Text(f["LogGroupName"]) == target
            || (TemplateQueries.ReferencedId(f["LogGroupName"]) is { } id && EdgeQueries.Text(Template.Properties(id)["LogGroupName"]) == target));
        Assert.Contains("put_log_events", SecurityEventForwarder.HandlerCode, StringComparison.Ordinal);
        Assert.Equal(SecurityEventForwarder.HandlerCode, (string?)function["Code"]!["ZipFile"]);
    }

    [Fact]
    public void IAM_02_forwarder_may_only_append_to_the_security_group_and_its_own_logs()
    {
        var statements = Template.RoleStatements("SecurityEventForwarderRole");

        Assert.Equal(2, statements.Count);
        Assert.All(statements, s =>
        {
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], s.Actions);
            Assert.Empty(s.LiteralResources);
            Assert.Equal("true", (string?)s.ConditionValue("Bool", "aws:SecureTransport"));
        });
        var security = Assert.Single(statements, s => s.Statement["Resource"]!.ToJsonString().Contains(":log-group:/webapp/dev/security:*", StringComparison.Ordinal));
        var own = Assert.Single(statements, s => !ReferenceEquals(s, security));
        Assert.Equal(Template.Single("AWS::Logs::LogGroup", "SecurityEventForwarderLogs"), TemplateQueries.ReferencedId(own.Statement["Resource"]));

        // The application's own roles cannot touch the security group.
        foreach (var role in new[] { "TaskRole", "TaskExecutionRole" })
        {
            Assert.DoesNotContain(Template.RoleStatements(role), s => s.Statement.ToJsonString().Contains("/security", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void IAM_06_forwarder_is_invoked_by_the_application_log_group_only_and_trusted_by_lambda_of_this_account()
    {
        var function = Template.Single("AWS::Lambda::Function", "SecurityEventForwarderFunction");
        var permission = Assert.Single(Template.PropertiesOf("AWS::Lambda::Permission"), p => TemplateQueries.ReferencedId(p["FunctionName"]) == function);
        Assert.Equal("logs.amazonaws.com", (string?)permission["Principal"]);
        Assert.Equal(Template.Single("AWS::Logs::LogGroup", "ApplicationLogs"), TemplateQueries.ReferencedId(permission["SourceArn"]));

        var trust = Template.Properties(Template.Single("AWS::IAM::Role", "SecurityEventForwarderRole"))["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("lambda.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("111111111111", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
    }

    [Fact]
    public void DATA_07_forwarder_logs_to_an_encrypted_group_with_retention()
    {
        var function = Template.Properties(Template.Single("AWS::Lambda::Function", "SecurityEventForwarderFunction"));
        var group = TemplateQueries.ReferencedId(function["LoggingConfig"]!["LogGroup"])!;

        Assert.StartsWith("SecurityEventForwarderLogs", group, StringComparison.Ordinal);
        Assert.Equal(Template.KeyIdOfAlias("alias/webapp/dev/logs"), TemplateQueries.ReferencedId(Template.Properties(group)["KmsKeyId"]));
        Assert.Equal(90, (int)Template.Properties(group)["RetentionInDays"]!);
    }
}
