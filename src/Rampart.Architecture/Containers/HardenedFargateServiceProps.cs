using System.Text.RegularExpressions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;

namespace Rampart.Architecture.Containers;

/// <summary>Inputs of <see cref="HardenedFargateService"/>. Everything the service touches is passed in, by interface.</summary>
public sealed partial class HardenedFargateServiceProps
{
    /// <summary>The seed's bound on the container user: "Run as non-root user (UID &gt; 1000)".</summary>
    public const int MinimumUserId = 1001;

    /// <summary>The VPC of the service and its Cloud Map namespace.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>Where the tasks run: the private application subnets (no route from the internet).</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>The application tier's security group (NET-05).</summary>
    public required ISecurityGroup SecurityGroup { get; init; }

    /// <summary>The ECR repository the image is pulled from (CTR-09).</summary>
    public required IRepository Repository { get; init; }

    /// <summary>An immutable tag (never <c>latest</c>) or a <c>sha256:</c> digest of the image in <see cref="Repository"/>.</summary>
    public required string ImageTag { get; init; }

    /// <summary>The port the container listens on (the seed's <c>&lt;applicationPort&gt;</c>).</summary>
    public required int ContainerPort { get; init; }

    /// <summary>
    /// The task execution role (IAM-03). It must already allow the image pull, the log writes and the
    /// secret reads: the construct adds nothing to it, so that the role's policy stays exactly as its
    /// owner wrote it.
    /// </summary>
    public required IRole ExecutionRole { get; init; }

    /// <summary>The task role (IAM-04); the construct adds nothing to it either.</summary>
    public required IRole TaskRole { get; init; }

    /// <summary>The encrypted log group the container's output goes to (CTR-08, DATA-07).</summary>
    public required ILogGroup LogGroup { get; init; }

    /// <summary>The ECS service name, also the task definition family and, by default, the cluster name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The Cloud Map private DNS namespace, e.g. <c>dev.webapp.internal</c> (CTR-10).</summary>
    public required string DiscoveryNamespace { get; init; }

    /// <summary>The service's name in the namespace. Default: <c>app</c> (so <c>app.dev.webapp.internal</c>).</summary>
    public string DiscoveryName { get; init; } = "app";

    /// <summary>The cluster name. Default: <see cref="ServiceName"/>.</summary>
    public string? ClusterName { get; init; }

    /// <summary>Task CPU units (256 = 0.25 vCPU); the container gets all of it as its limit (CTR-05). Default: 512.</summary>
    public int Cpu { get; init; } = 512;

    /// <summary>Task memory in MiB, a valid Fargate pair with <see cref="Cpu"/>; also the container's hard limit (CTR-05). Default: 1024.</summary>
    public int MemoryMiB { get; init; } = 1024;

    /// <summary>How many tasks run. Default: 2 (one per zone of a two-zone VPC; production needs at least 2).</summary>
    public int DesiredCount { get; init; } = 2;

    /// <summary>The numeric <c>UID[:GID]</c> the container runs as (CTR-01): UID above 1000, GID never 0. Default: <c>10001:10001</c>.</summary>
    public string User { get; init; } = "10001:10001";

    /// <summary>The container's name. Default: <c>app</c>.</summary>
    public string ContainerName { get; init; } = "app";

    /// <summary>
    /// The writable scratch directory mounted on the read-only root filesystem (CTR-02), backed by the
    /// task's ephemeral storage; null for none. Default: <c>/tmp</c>.
    /// </summary>
    public string? WritablePath { get; init; } = "/tmp";

    /// <summary>The image's CPU architecture. Default: x86-64.</summary>
    public CpuArchitecture Architecture { get; init; } = CpuArchitecture.X86_64;

    /// <summary>Secrets injected as environment variables through ECS <c>secrets</c> (SEC-06), by variable name. Default: none.</summary>
    public IReadOnlyDictionary<string, Secret> Secrets { get; init; } = new Dictionary<string, Secret>();

    /// <summary>Plain, non-sensitive environment variables. Default: none.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The prefix of the container's log streams. Default: <c>app</c>.</summary>
    public string LogStreamPrefix { get; init; } = "app";

    /// <summary>Fails with one line naming the property, the value and what is accepted.</summary>
    public void Validate()
    {
        if (ContainerPort is < 1 or > 65535)
        {
            throw new ArgumentException($"HardenedFargateServiceProps.ContainerPort is {ContainerPort}: use a port from 1 to 65535.");
        }

        var user = UserPattern().Match(User);
        if (!user.Success)
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.User '{User}' is not a numeric UID[:GID]: CTR-01 needs a number the image cannot map to root, e.g. 10001:10001.");
        }

        if (!long.TryParse(user.Groups["uid"].Value, out var uid) || uid < MinimumUserId || uid > int.MaxValue)
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.User '{User}' has UID {user.Groups["uid"].Value}: CTR-01 needs a UID above 1000 (and below 2^31), e.g. 10001.");
        }

        if (user.Groups["gid"].Success && (!long.TryParse(user.Groups["gid"].Value, out var gid) || gid == 0 || gid > int.MaxValue))
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.User '{User}' has GID {user.Groups["gid"].Value}: use a non-root group (not 0), e.g. 10001.");
        }

        if (string.Equals(ImageTag, "latest", StringComparison.OrdinalIgnoreCase) || !(TagPattern().IsMatch(ImageTag) || DigestPattern().IsMatch(ImageTag)))
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.ImageTag '{ImageTag}' is not allowed: use an immutable tag (letters, digits, '.', '_', '-'; never 'latest') or a sha256: digest of 64 lower-case hex digits.");
        }

        if (!FargateSizes.IsValid(Cpu, MemoryMiB))
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.Cpu/MemoryMiB {Cpu}/{MemoryMiB} is not a Fargate size: {FargateSizes.Describe()}.");
        }

        if (DesiredCount is < 1 or > 1000)
        {
            throw new ArgumentException($"HardenedFargateServiceProps.DesiredCount is {DesiredCount}: use 1 to 1000 tasks.");
        }

        if (!NamePattern().IsMatch(ServiceName))
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.ServiceName '{ServiceName}' is not accepted: 1-255 letters, digits, '-' and '_', starting with a letter.");
        }

        if (!NamespacePattern().IsMatch(DiscoveryNamespace) || !LabelPattern().IsMatch(DiscoveryName))
        {
            throw new ArgumentException(
                $"HardenedFargateServiceProps.DiscoveryNamespace/DiscoveryName '{DiscoveryName}.{DiscoveryNamespace}' is not a DNS name: lower-case labels of letters, digits and '-', e.g. app.dev.webapp.internal.");
        }

        if (WritablePath is not null && (!WritablePath.StartsWith('/') || WritablePath == "/"))
        {
            throw new ArgumentException($"HardenedFargateServiceProps.WritablePath '{WritablePath}' is not accepted: an absolute directory other than '/', e.g. /tmp, or null.");
        }

        foreach (var name in Secrets.Keys.Concat(Environment.Keys))
        {
            if (!VariablePattern().IsMatch(name))
            {
                throw new ArgumentException($"HardenedFargateServiceProps: environment variable name '{name}' is not accepted: letters, digits and '_', not starting with a digit.");
            }
        }

        if (Secrets.Keys.Intersect(Environment.Keys).FirstOrDefault() is { } both)
        {
            throw new ArgumentException($"HardenedFargateServiceProps: '{both}' is both a secret and a plain environment variable; give it once, as a secret.");
        }
    }

    [GeneratedRegex("^(?<uid>[0-9]{1,10})(:(?<gid>[0-9]{1,10}))?$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,254}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariablePattern();
}
