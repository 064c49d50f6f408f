using Rampart.Architecture.Containers;

namespace Rampart.Architecture.Tests.Containers;

/// <summary>Validation runs before any construct exists and fails with one line; no synthesis needed.</summary>
public sealed class HardenedFargateServicePropsTests
{
    [Theory]
    [InlineData("root")]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("1000:1000")]
    [InlineData("nobody:nogroup")]
    [InlineData("10001:0")]
    [InlineData("-5")]
    [InlineData("99999999999")]
    public void CTR_01_root_named_or_low_users_are_refused(string user)
    {
        var error = Assert.Throws<ArgumentException>(() => Props(user: user).Validate());

        Assert.Contains($"User '{user}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("10001:10001")]
    [InlineData("65532:65532")]
    public void CTR_01_numeric_users_above_1000_are_accepted(string user)
    {
        Props(user: user).Validate();
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    [InlineData("sha256:abc")]
    [InlineData("")]
    [InlineData("has space")]
    public void CTR_09_mutable_or_malformed_image_references_are_refused(string tag)
    {
        var error = Assert.Throws<ArgumentException>(() => Props(tag: tag).Validate());

        Assert.Contains("ImageTag", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 1536)]
    [InlineData(512, 512)]
    [InlineData(1024, 1024)]
    [InlineData(300, 1024)]
    [InlineData(4096, 32768)]
    public void CTR_05_sizes_fargate_does_not_run_are_refused(int cpu, int memory)
    {
        var error = Assert.Throws<ArgumentException>(() => Props(cpu: cpu, memory: memory).Validate());

        Assert.Contains($"{cpu}/{memory}", error.Message, StringComparison.Ordinal);
        Assert.Contains("CPU 256 with 512, 1024 or 2048 MiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 512)]
    [InlineData(256, 2048)]
    [InlineData(512, 4096)]
    [InlineData(1024, 2048)]
    [InlineData(4096, 30720)]
    [InlineData(16384, 122880)]
    public void CTR_05_fargate_sizes_are_accepted(int cpu, int memory)
    {
        Assert.True(FargateSizes.IsValid(cpu, memory));
    }

    [Fact]
    public void SEC_06_a_variable_given_both_as_secret_and_plain_is_refused()
    {
        var props = Props(
            secrets: new Dictionary<string, Amazon.CDK.AWS.ECS.Secret> { ["DB_PASSWORD"] = null! },
            environment: new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2" });

        var error = Assert.Throws<ArgumentException>(props.Validate);
        Assert.Contains("'DB_PASSWORD' is both a secret and a plain environment variable", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("tmp")]
    public void CTR_02_the_writable_path_must_be_a_directory_below_the_root(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => Props(writable: path).Validate());

        Assert.Contains("WritablePath", error.Message, StringComparison.Ordinal);
    }

    // The interfaces are never touched by Validate, so no CDK object (and no jsii) is needed.
    private static HardenedFargateServiceProps Props(
        string user = "10001:10001",
        string tag = "1.0.0",
        int cpu = 512,
        int memory = 1024,
        string? writable = "/tmp",
        IReadOnlyDictionary<string, Amazon.CDK.AWS.ECS.Secret>? secrets = null,
        IReadOnlyDictionary<string, string>? environment = null) => new()
        {
            Vpc = null!,
            Subnets = null!,
            SecurityGroup = null!,
            Repository = null!,
            ExecutionRole = null!,
            TaskRole = null!,
            LogGroup = null!,
            ImageTag = tag,
            User = user,
            Cpu = cpu,
            MemoryMiB = memory,
            WritablePath = writable,
            Secrets = secrets ?? new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>(),
            Environment = environment ?? new Dictionary<string, string>(),
            ContainerPort = 8080,
            ServiceName = "webapp-dev",
            DiscoveryNamespace = "dev.webapp.internal",
        };
}
