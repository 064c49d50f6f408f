using System.Text.Json.Nodes;

namespace Rampart.Architecture.Tests.Network;

/// <summary>
/// NET-12 (flow logs) and the controls the network's own key, log groups and roles must meet:
/// DATA-06, DATA-07, IAM-01, IAM-02, IAM-06, IAM-09.
/// </summary>
public abstract class FlowLogTests(SynthesizedArchitecture architecture)
{
    /// <summary>Actions that take no resource ARN, so <c>Resource: *</c> is the only choice (IAM-02).</summary>
    private static readonly string[] ActionsWithoutResourceArn = ["ec2:DescribeManagedPrefixLists"];

    private readonly NetworkTemplate _network = new(architecture);

    private string Application => _network.Configuration.Application;

    private string EnvironmentName => _network.Environment.Name;

    private string FlowLogGroup => _network.LogicalId("AWS::Logs::LogGroup", "NetworkFlowLogGroup");

    private string CustomResourceLogGroup => _network.LogicalId("AWS::Logs::LogGroup", "NetworkCustomResourceLogGroup");

    private string Key => _network.LogicalId("AWS::KMS::Key", "NetworkKey");

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
    public void DATA_07_network_log_groups_are_encrypted_with_the_network_key_and_kept_one_year()
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
            Assert.Equal($"{Key}.Arn", NetworkTemplate.GetAtt(properties["KmsKeyId"]));
            Assert.Equal(365, NetworkTemplate.Int(properties["RetentionInDays"]));
        }
    }

    [Fact]
    public void DATA_07_custom_resource_handlers_log_to_the_encrypted_group()
    {
        Assert.Equal(2, Handlers.Distinct().Count());
        Assert.All(Handlers, handler => Assert.Equal(CustomResourceLogGroup, NetworkTemplate.Ref(_network.Properties(handler)["LoggingConfig"]?["LogGroup"])));
    }

    [Fact]
    public void DATA_06_network_key_rotates_and_is_aliased_by_application_environment_and_service()
    {
        Assert.True(_network.Properties(Key)["EnableKeyRotation"]!.GetValue<bool>());
        var alias = Assert.Single(_network.View.PropertiesOf("AWS::KMS::Alias"), a => NetworkTemplate.GetAtt(a["TargetKeyId"]) == $"{Key}.Arn");
        Assert.Equal($"alias/{Application}/{EnvironmentName}/network", alias["AliasName"]!.GetValue<string>());
    }

    [Fact]
    public void IAM_09_network_key_separates_administration_from_use()
    {
        var statements = NetworkTemplate.Statements(_network.Properties(Key)["KeyPolicy"]);
        var useActions = new[] { "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant" };
        Assert.All(statements, s => Assert.DoesNotContain(NetworkTemplate.List(s["Action"]), a => a.GetValue<string>() == "kms:*"));
        Assert.All(statements, s => Assert.NotEqual("*", s["Principal"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? s["Principal"]!.GetValue<string>() : null));

        var administration = Assert.Single(statements, s => s["Principal"]?["AWS"] is not null);
        Assert.EndsWith($":iam::{_network.Account}:root", NetworkTemplate.Text(administration["Principal"]!["AWS"]), StringComparison.Ordinal);
        Assert.DoesNotContain(NetworkTemplate.List(administration["Action"]), a => useActions.Contains(a.GetValue<string>()));

        var use = Assert.Single(statements, s => s["Principal"]?["Service"] is not null);
        Assert.Equal($"logs.{_network.Region}.amazonaws.com", use["Principal"]!["Service"]!.GetValue<string>());
        var contexts = NetworkTemplate.List(use["Condition"]!["ArnEquals"]!["kms:EncryptionContext:aws:logs:arn"]).Select(NetworkTemplate.Text).Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { "custom-resources", "flow-logs" }.Select(p => $"arn:${{AWS::Partition}}:logs:{_network.Region}:{_network.Account}:log-group:/{Application}/{EnvironmentName}/network/{p}"),
            contexts);
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
                    Assert.All(actions, a => Assert.Contains(a, ActionsWithoutResourceArn));
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
