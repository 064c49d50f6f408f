using System.Text.Json.Nodes;
using Rampart.Architecture.Tests.Data;
using Rampart.Architecture.Tests.Edge;
using Rampart.Architecture.Tests.Identity;
using static Rampart.Architecture.Tests.Edge.EdgeQueries;

namespace Rampart.Architecture.Tests.Containers;

/// <summary>The container controls (CTR-01 to CTR-10, SEC-06) on the default configuration's synthesized workload.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class ContainerTests(DefaultArchitecture architecture)
{
    private TemplateView Template => architecture.Workload();

    private JsonObject TaskDefinition => Template.SingleOf("AWS::ECS::TaskDefinition");

    private JsonObject Container => Assert.Single(TaskDefinition["ContainerDefinitions"]!.AsArray())!.AsObject();

    private JsonObject Service => Template.SingleOf("AWS::ECS::Service");

    [Fact]
    public void CTR_01_container_runs_as_a_numeric_user_above_1000()
    {
        var user = (string)Container["User"]!;

        var parts = user.Split(':');
        Assert.True(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) > 1000, user);
        Assert.All(parts, p => Assert.Matches("^[0-9]+$", p));
        Assert.NotEqual("0", parts[^1]);
    }

    [Fact]
    public void CTR_02_root_filesystem_is_read_only_with_one_writable_scratch_directory()
    {
        Assert.True((bool)Container["ReadonlyRootFilesystem"]!);

        // The one writable place is a task-storage volume at /tmp, not a host path.
        var mount = Assert.Single(Container["MountPoints"]!.AsArray())!;
        Assert.Equal("/tmp", (string?)mount["ContainerPath"]);
        var volume = Assert.Single(TaskDefinition["Volumes"]!.AsArray())!.AsObject();
        Assert.Equal((string?)mount["SourceVolume"], (string?)volume["Name"]);
        Assert.Equal(["Name"], volume.Select(p => p.Key));
    }

    [Fact]
    public void CTR_03_every_linux_capability_is_dropped_and_none_added()
    {
        var capabilities = Container["LinuxParameters"]!["Capabilities"]!;

        Assert.Equal(["ALL"], TemplateQueries.Strings(capabilities["Drop"]));
        Assert.Null(capabilities["Add"]);
    }

    [Fact]
    public void CTR_04_container_runs_an_init_process()
    {
        Assert.True((bool)Container["LinuxParameters"]!["InitProcessEnabled"]!);
    }

    [Fact]
    public void CTR_05_task_and_container_set_cpu_and_memory_limits()
    {
        Assert.Equal("512", (string?)TaskDefinition["Cpu"]);
        Assert.Equal("1024", (string?)TaskDefinition["Memory"]);
        Assert.Equal(512, (int)Container["Cpu"]!);

        // Memory (not only MemoryReservation) is the hard limit.
        Assert.Equal(1024, (int)Container["Memory"]!);
    }

    [Fact]
    public void CTR_06_container_is_not_privileged()
    {
        Assert.False((bool)Container["Privileged"]!);
    }

    [Fact]
    public void CTR_07_task_uses_awsvpc_on_fargate_and_tasks_get_no_public_ip()
    {
        Assert.Equal("awsvpc", (string?)TaskDefinition["NetworkMode"]);
        Assert.Equal(["FARGATE"], TemplateQueries.Strings(TaskDefinition["RequiresCompatibilities"]));

        // NET-02, NET-05: private application subnets, the application tier's group, no public address.
        var network = Service["NetworkConfiguration"]!["AwsvpcConfiguration"]!;
        Assert.Equal("DISABLED", (string?)network["AssignPublicIp"]);
        Assert.All(network["Subnets"]!.AsArray(), s => Assert.StartsWith("NetworkVpcApplicationSubnet", TemplateQueries.ReferencedId(s), StringComparison.Ordinal));
        Assert.Equal([Template.Single("AWS::EC2::SecurityGroup", "NetworkApplicationTierSecurityGroup")], network["SecurityGroups"]!.AsArray().Select(TemplateQueries.ReferencedId));
    }

    [Fact]
    public void CTR_08_container_logs_to_the_encrypted_application_log_group()
    {
        var logging = Container["LogConfiguration"]!;
        Assert.Equal("awslogs", (string?)logging["LogDriver"]);

        var group = TemplateQueries.ReferencedId(logging["Options"]!["awslogs-group"]);
        var properties = Template.Properties(group!);
        Assert.Equal("/webapp/dev/app", (string?)properties["LogGroupName"]);
        Assert.Equal(Template.KeyIdOfAlias("alias/webapp/dev/logs"), TemplateQueries.ReferencedId(properties["KmsKeyId"]));
        Assert.NotNull(properties["RetentionInDays"]);
    }

    [Fact]
    public void CTR_09_image_comes_from_the_applications_repository_by_its_configured_tag()
    {
        var image = Container["Image"]!;
        var repository = Template.Single("AWS::ECR::Repository", "ContainerRepository");

        Assert.Contains(repository, TemplateQueries.ReferencedIds(image));
        Assert.EndsWith(":1.0.0\"]]}", image.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_10_service_registers_in_a_private_dns_namespace_of_the_vpc()
    {
        var registry = TemplateQueries.ReferencedId(Assert.Single(Service["ServiceRegistries"]!.AsArray())!["RegistryArn"]);
        var discovery = Template.Properties(registry!);
        var records = discovery["DnsConfig"]!;
        Assert.Equal("app", (string?)discovery["Name"]);
        Assert.Equal("A", (string?)Assert.Single(records["DnsRecords"]!.AsArray())!["Type"]);

        var (namespaceId, space) = Template.One("AWS::ServiceDiscovery::PrivateDnsNamespace");
        Assert.Equal(namespaceId, TemplateQueries.ReferencedId(records["NamespaceId"]));
        Assert.Equal("dev.webapp.internal", (string?)space["Name"]);
        Assert.Equal(Template.Single("AWS::EC2::VPC", "NetworkVpc"), TemplateQueries.ReferencedId(space["Vpc"]));
    }

    [Fact]
    public void SEC_06_database_credentials_reach_the_container_through_ecs_secrets_only()
    {
        var secrets = Container["Secrets"]!.AsArray().ToDictionary(s => (string)s!["Name"]!, s => s!["ValueFrom"]!.ToJsonString());
        var credentials = Template.Single("AWS::SecretsManager::SecretTargetAttachment", "DatabaseCredentials");

        Assert.Equal(["DB_PASSWORD", "DB_USERNAME"], secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Contains($"\"{credentials}\"", secrets["DB_PASSWORD"], StringComparison.Ordinal);
        Assert.EndsWith(":password::\"]]}", secrets["DB_PASSWORD"], StringComparison.Ordinal);
        Assert.EndsWith(":username::\"]]}", secrets["DB_USERNAME"], StringComparison.Ordinal);

        // Plain variables say where configuration is, never what a secret is.
        var plain = Container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => Text(e!["Value"]));
        Assert.Equal("/webapp/dev", plain["RAMPART_PARAMETER_PATH"]);
        Assert.DoesNotContain(plain.Keys, k => k.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || k.Contains("SECRET", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void IAM_03_task_definition_uses_the_identity_roles_and_adds_no_grant_of_its_own()
    {
        Assert.Equal(Template.Single("AWS::IAM::Role", "TaskExecutionRole"), TemplateQueries.ReferencedId(TaskDefinition["ExecutionRoleArn"]));
        Assert.Equal(Template.Single("AWS::IAM::Role", "TaskRole"), TemplateQueries.ReferencedId(TaskDefinition["TaskRoleArn"]));

        // The CDK's own grants (image pull, log writes, secret reads) would arrive without the guards.
        foreach (var role in new[] { "TaskExecutionRole", "TaskRole" })
        {
            Assert.All(Template.RoleStatements(role), s =>
            {
                Assert.NotNull(s.Statement["Sid"]);
                Assert.Equal("true", (string?)s.ConditionValue("Bool", "aws:SecureTransport"));
            });
        }

        Assert.Null(Template.SingleOf("AWS::ECR::Repository")["RepositoryPolicyText"]);
    }

    [Fact]
    public void Cluster_has_container_insights_and_the_service_rolls_back_failed_deployments()
    {
        var settings = Template.SingleOf("AWS::ECS::Cluster")["ClusterSettings"]!.AsArray();
        Assert.Contains(settings, s => (string?)s!["Name"] == "containerInsights" && (string?)s["Value"] == "enabled");

        var deployment = Service["DeploymentConfiguration"]!;
        Assert.True((bool)deployment["DeploymentCircuitBreaker"]!["Enable"]!);
        Assert.True((bool)deployment["DeploymentCircuitBreaker"]!["Rollback"]!);
        Assert.Equal(100, (int)deployment["MinimumHealthyPercent"]!);
        Assert.Equal("FARGATE", (string?)Service["LaunchType"]);
        Assert.False((bool)Service["EnableExecuteCommand"]!);
        Assert.Equal(1, (int)Service["DesiredCount"]!);
    }

    [Fact]
    public void Production_runs_at_least_two_larger_tasks()
    {
        var template = AdditionalArchitectures.Production.Workload("prod");

        Assert.True((int)template.SingleOf("AWS::ECS::Service")["DesiredCount"]! >= 2);
        Assert.Equal("1024", (string?)template.SingleOf("AWS::ECS::TaskDefinition")["Cpu"]);
    }

}

/// <summary>Phase 1 with a domain: the seed puts container security policies in phase 2, and the edge comes with what it fronts.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class ContainerPhaseTests(Monitoring.PhaseOneArchitecture architecture) : IClassFixture<Monitoring.PhaseOneArchitecture>
{
    [Fact]
    public void Phase_1_runs_no_containers_and_publishes_nothing()
    {
        var template = architecture.Workload();

        foreach (var type in new[] { "AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::WAFv2::WebACL", "AWS::Logs::SubscriptionFilter" })
        {
            Assert.Empty(template.OfType(type));
        }

        Assert.Equal([Rampart.Architecture.Stacks.ArchitectureApp.StackName(architecture.Configuration, architecture.Configuration.Environments[0])], architecture.Templates.Keys);
    }
}
