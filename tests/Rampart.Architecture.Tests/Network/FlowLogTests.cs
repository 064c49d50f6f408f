using System.Text.Json.Nodes;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Network;

/// <summary>
/// NET-12 (flow logs) and the controls the network's log groups and roles must meet:
/// DATA-06, DATA-07, IAM-01, IAM-02, IAM-06.
/// </summary>
public abstract class FlowLogTests(SynthesizedArchitecture architecture)
{
    private readonly NetworkTemplate _network = new(architecture);

    private string Application => _network.Configuration.Application;

    private string EnvironmentName => _network.Environment.Name;

    private string FlowLogGroup => _network.LogicalId("AWS::Logs::LogGroup", "NetworkFlowLogGroup");

    private string CustomResourceLogGroup => _network.LogicalId("AWS::Logs::LogGroup", "NetworkCustomResourceLogGroup");

    /// <summary>The stack's logs key: the network encrypts with it rather than with a key of its own.</summary>
    private string LogsKey => _network.View.KeyIdOfAlias($"alias/{Application}/{EnvironmentName}/logs");

    /// <summary>The environment's log retention (WorkloadStack.LogRetention): a year in production, three months elsewhere.</summary>
    private int RetentionDays => _network.Environment.IsProduction ? 365 : 90;

    private string FlowLogRole => _network.LogicalId("AWS::IAM::Role", "NetworkFlowLogRole");

    /// <summary>The handlers of the network's two custom resources (prefix list lookup, default group restriction).</summary>
    private IReadOnlyList<string> Handlers =>
        new[] { "Custom::CloudFrontPrefixList", "Custom::VpcRestrictDefaultSG" }
            .Select(type => NetworkTemplate.GetAtt(Assert.Single(_network.View.PropertiesOf(type))["ServiceToken"])!.Split('.')[0])
            .ToList();

    /// <summary>The roles the network brings: its own and the CDK provider's it hardens.</summary>
    private IReadOnlyList<string> NetworkRoles =>
        Handlers
            .Select(handler => NetworkTemplate.GetAtt(_network.Properties(handler)["Role"])!.Split('.')[0])
            .Append(FlowLogRole)
            .Distinct()
            .ToList();

    [Fact]
    public void NET_12_flow_logs_capture_all_vpc_traffic_into_their_log_group()
    {
        var flowLog = Assert.Single(_network.View.PropertiesOf("AWS::EC2::FlowLog"));
        Assert.Equal("VPC", flowLog["ResourceType"]!.GetValue<string>());
        Assert.Equal(_network.VpcId, NetworkTemplate.Ref(flowLog["ResourceId"]));
        Assert.Equal("ALL", flowLog["TrafficType"]!.GetValue<string>());
        Assert.Equal("cloud-watch-logs", flowLog["LogDestinationType"]!.GetValue<string>());
        Assert.Equal(FlowLogGroup, NetworkTemplate.Ref(flowLog["LogGroupName"]));
        Assert.Equal($"{FlowLogRole}.Arn", NetworkTemplate.GetAtt(flowLog["DeliverLogsPermissionArn"]));
    }

    [Fact]
    public void NET_12_flow_log_role_trusts_only_the_flow_logs_service_of_this_account()
    {
        var trust = Assert.Single(NetworkTemplate.Statements(_network.Properties(FlowLogRole)["AssumeRolePolicyDocument"]));
        Assert.Equal("vpc-flow-logs.amazonaws.com", trust["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal(_network.Account, trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]!.GetValue<string>());
        Assert.Equal(
            $"arn:${{AWS::Partition}}:ec2:{_network.Region}:{_network.Account}:vpc-flow-log/*",
            NetworkTemplate.Text(trust["Condition"]!["ArnLike"]!["aws:SourceArn"]));
    }

    [Fact]
    public void NET_12_flow_log_role_writes_its_log_group_only()
    {
        var statements = _network.RoleStatements(FlowLogRole);
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var resource = NetworkTemplate.GetAtt(Assert.Single(NetworkTemplate.List(statement["Resource"])));
            var actions = NetworkTemplate.List(statement["Action"]).Select(a => a.GetValue<string>()).ToList();
            if (actions.SequenceEqual(["iam:PassRole"]))
            {
                // The CDK lets the role pass itself to the flow logs service, nothing else.
                Assert.Equal($"{FlowLogRole}.Arn", resource);
            }
            else
            {
                Assert.Equal($"{FlowLogGroup}.Arn", resource);
                Assert.All(actions, a => Assert.Contains(a, new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams" }));
            }
        }
    }

    [Fact]
    public void DATA_07_network_log_groups_are_encrypted_with_the_stacks_logs_key_and_kept_the_environments_retention()
    {
        var expected = new Dictionary<string, string>
        {
            [FlowLogGroup] = $"/{Application}/{EnvironmentName}/network/flow-logs",
            [CustomResourceLogGroup] = $"/{Application}/{EnvironmentName}/network/custom-resources",
        };
        foreach (var (logicalId, name) in expected)
        {
            var properties = _network.Properties(logicalId);
            Assert.Equal(name, properties["LogGroupName"]!.GetValue<string>());
            Assert.Equal($"{LogsKey}.Arn", NetworkTemplate.GetAtt(properties["KmsKeyId"]));
            Assert.Equal(RetentionDays, NetworkTemplate.Int(properties["RetentionInDays"]));
        }
    }

    [Fact]
    public void DATA_07_custom_resource_handlers_log_to_the_encrypted_group()
    {
        Assert.Equal(2, Handlers.Distinct().Count());
        Assert.All(Handlers, handler => Assert.Equal(CustomResourceLogGroup, NetworkTemplate.Ref(_network.Properties(handler)["LoggingConfig"]?["LogGroup"])));
    }

    [Fact]
    public void DATA_06_network_brings_no_key_of_its_own()
    {
        // One key per service across the stack: the network's logs are the logs service's, so its key is the
        // stack's logs key (DataTests check that key's rotation, alias and policy).
        Assert.DoesNotContain(_network.View.OfType("AWS::KMS::Key"), k => k.LogicalId.StartsWith("Network", StringComparison.Ordinal));
        Assert.DoesNotContain(_network.View.PropertiesOf("AWS::KMS::Alias"), a => a["AliasName"]!.GetValue<string>().EndsWith("/network", StringComparison.Ordinal));
    }

    [Fact]
    public void IAM_06_network_roles_trust_one_service_with_a_source_account_condition()
    {
        Assert.Equal(3, NetworkRoles.Count);
        foreach (var role in NetworkRoles)
        {
            var trust = Assert.Single(NetworkTemplate.Statements(_network.Properties(role)["AssumeRolePolicyDocument"]));
            Assert.Single(NetworkTemplate.List(trust["Principal"]!["Service"]));
            Assert.Equal(_network.Account, trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]!.GetValue<string>());
        }
    }

    [Fact]
    public void IAM_02_network_roles_name_their_actions_and_resources()
    {
        foreach (var role in NetworkRoles)
        {
            // No AWS managed policy (AWSLambdaBasicExecutionRole writes logs on "*").
            Assert.Null(_network.Properties(role)["ManagedPolicyArns"]);
            var statements = _network.RoleStatements(role);
            Assert.NotEmpty(statements);
            foreach (var statement in statements)
            {
                var actions = NetworkTemplate.List(statement["Action"]).Select(a => a.GetValue<string>()).ToList();
                Assert.All(actions, a => Assert.False(a == "*" || a.EndsWith(":*", StringComparison.Ordinal), $"{role}: wildcard action {a}"));
                var resources = NetworkTemplate.List(statement["Resource"]);
                if (resources.Any(r => r is JsonValue v && v.GetValue<string>() == "*"))
                {
                    Assert.All(actions, a => Assert.True(IamExceptions.HasNoResourceArn(a), $"{role}: {a} on Resource * has resource ARNs"));
                    Assert.NotNull(statement["Condition"]);
                }
            }
        }
    }
}

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DefaultFlowLogTests(DefaultArchitecture architecture) : FlowLogTests(architecture);

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ThreeZoneFlowLogTests(ThreeZoneFixture fixture) : FlowLogTests(fixture.Architecture), IClassFixture<ThreeZoneFixture>;
