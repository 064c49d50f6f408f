using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.ServiceDiscovery;
using Constructs;

namespace Rampart.Architecture.Containers;

/// <summary>
/// The seed's "Container Security Guidelines" as one ECS Fargate service (CTR-01 to CTR-08, CTR-10):
/// a cluster with Container Insights; a task definition in <c>awsvpc</c> mode whose single container
/// runs as a numeric non-root user, on a read-only root filesystem with one writable scratch
/// directory, with every Linux capability dropped, an init process, CPU and memory limits, never
/// privileged, logging to an encrypted CloudWatch Logs group and receiving secrets only through ECS
/// <c>secrets</c>; a service in the private application subnets with no public IP, registered in a
/// Cloud Map private DNS namespace, rolled back by the deployment circuit breaker.
/// </summary>
/// <remarks>
/// The roles are used as given: the CDK's own grants (image pull, log writes, secret reads) would add
/// unconditioned statements to them, so the construct hands the task definition immutable references
/// and the roles' owner grants exactly what IAM-03 and IAM-04 allow. Construct IDs are part of the
/// contract: a changed ID replaces the service.
/// </remarks>
public sealed class HardenedFargateService : Construct
{
    /// <summary>The name of the task volume behind <see cref="HardenedFargateServiceProps.WritablePath"/>.</summary>
    public const string ScratchVolumeName = "scratch";

    public HardenedFargateService(Construct scope, string id, HardenedFargateServiceProps props)
        : base(scope, id)
    {
        props.Validate();

        Cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            Vpc = props.Vpc,
            ClusterName = props.ClusterName ?? props.ServiceName,
            ContainerInsights = true,
        });

        Namespace = new PrivateDnsNamespace(this, "Namespace", new PrivateDnsNamespaceProps
        {
            Name = props.DiscoveryNamespace,
            Vpc = props.Vpc,
            Description = $"Service discovery for {props.ServiceName} (private to the VPC)",
        });

        // Immutable views: the CDK's grants on them are no-ops, so the roles keep their owner's statements only.
        var executionRole = Immutable(props.ExecutionRole, "ExecutionRoleReference");
        var taskRole = Immutable(props.TaskRole, "TaskRoleReference");

        TaskDefinition = new FargateTaskDefinition(this, "TaskDefinition", new FargateTaskDefinitionProps
        {
            Family = props.ServiceName,
            Cpu = props.Cpu,
            MemoryLimitMiB = props.MemoryMiB,
            ExecutionRole = executionRole,
            TaskRole = taskRole,
            RuntimePlatform = new RuntimePlatform
            {
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
                CpuArchitecture = props.Architecture,
            },
            // A bind-mount volume without a host path is the task's ephemeral storage: the one writable place.
            Volumes = props.WritablePath is null ? [] : [new Amazon.CDK.AWS.ECS.Volume { Name = ScratchVolumeName }],
        });

        var linux = new LinuxParameters(this, "LinuxParameters", new LinuxParametersProps { InitProcessEnabled = true });
        linux.DropCapabilities(Capability.ALL);

        Container = TaskDefinition.AddContainer(props.ContainerName, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromEcrRepository(props.Repository, props.ImageTag),
            Essential = true,
            User = props.User,
            ReadonlyRootFilesystem = true,
            Privileged = false,
            LinuxParameters = linux,
            Cpu = props.Cpu,
            MemoryLimitMiB = props.MemoryMiB,
            PortMappings = [new PortMapping { ContainerPort = props.ContainerPort, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP, Name = "http" }],
            Environment = props.Environment.ToDictionary(e => e.Key, e => e.Value),
            Secrets = props.Secrets.ToDictionary(s => s.Key, s => s.Value),
            // Blocking: a security event is never dropped silently; the cost is that a CloudWatch Logs
            // outage stalls the application's writes to stdout.
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps
            {
                LogGroup = props.LogGroup,
                StreamPrefix = props.LogStreamPrefix,
                Mode = AwsLogDriverMode.BLOCKING,
            }),
        });
        if (props.WritablePath is not null)
        {
            Container.AddMountPoints(new MountPoint { ContainerPath = props.WritablePath, SourceVolume = ScratchVolumeName, ReadOnly = false });
        }

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = Cluster,
            TaskDefinition = TaskDefinition,
            ServiceName = props.ServiceName,
            DesiredCount = props.DesiredCount,
            AssignPublicIp = false,
            VpcSubnets = props.Subnets,
            SecurityGroups = [props.SecurityGroup],
            PlatformVersion = FargatePlatformVersion.LATEST,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            EnableExecuteCommand = false,
            EnableECSManagedTags = true,
            PropagateTags = PropagatedTagSource.SERVICE,
            CloudMapOptions = new CloudMapOptions
            {
                CloudMapNamespace = Namespace,
                Name = props.DiscoveryName,
                DnsRecordType = DnsRecordType.A,
                DnsTtl = Duration.Seconds(10),
            },
        });

        // The roles' policies must be attached before the first task pulls its image and reads its secrets.
        Service.Node.AddDependency(props.ExecutionRole);
        Service.Node.AddDependency(props.TaskRole);
    }

    /// <summary>
    /// A view of <paramref name="role"/> that ignores grants. A role of this stack keeps its account, so
    /// grants are not redirected to resource policies (the repository's, the secret's) either, as they
    /// would be for a role imported by a deploy-time ARN whose account the CDK cannot compare.
    /// </summary>
    private IRole Immutable(IRole role, string id) => role is Role owned
        ? owned.WithoutPolicyUpdates()
        : Role.FromRoleArn(this, id, role.RoleArn, new FromRoleArnOptions { Mutable = false });

    /// <summary>The ECS cluster (Container Insights on).</summary>
    public Cluster Cluster { get; }

    /// <summary>The Cloud Map private DNS namespace the service registers in (CTR-10).</summary>
    public PrivateDnsNamespace Namespace { get; }

    /// <summary>The task definition.</summary>
    public FargateTaskDefinition TaskDefinition { get; }

    /// <summary>The application container.</summary>
    public ContainerDefinition Container { get; }

    /// <summary>The service; a load balancer target (<c>IApplicationLoadBalancerTarget</c>).</summary>
    public FargateService Service { get; }
}
