using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace Rampart.Architecture.Containers;

/// <summary>Inputs of <see cref="ContainerRepository"/>.</summary>
public sealed class ContainerRepositoryProps
{
    /// <summary>The repository name (lower case; may contain <c>/</c> namespaces).</summary>
    public required string RepositoryName { get; init; }

    /// <summary>The ECR key (<see cref="Data.KeyService.Ecr"/>) images are encrypted with at rest.</summary>
    public required IKey EncryptionKey { get; init; }

    /// <summary>How many images are kept (the newest first). Default: 30.</summary>
    public int MaxImageCount { get; init; } = 30;

    /// <summary>Days after which untagged images (left by failed or superseded pushes) are removed. Default: 14.</summary>
    public int UntaggedImageDays { get; init; } = 14;
}

/// <summary>
/// The application's ECR repository (CTR-09): images scanned on push, encrypted with a
/// customer-managed key, tags immutable (a tag always names the same image), a lifecycle that keeps
/// only the images still needed, and no repository policy, so access comes only from IAM roles in
/// the account (the task execution role pulls; pipelines push).
/// </summary>
public sealed partial class ContainerRepository : Construct
{
    public ContainerRepository(Construct scope, string id, ContainerRepositoryProps props)
        : base(scope, id)
    {
        if (!RepositoryNamePattern().IsMatch(props.RepositoryName) || props.RepositoryName.Length > 256)
        {
            throw new ArgumentException(
                $"ContainerRepositoryProps.RepositoryName '{props.RepositoryName}' is not a valid ECR name: lower-case letters, digits, '.', '_', '-' and '/' separators, 2 to 256 characters.");
        }

        if (props.MaxImageCount < 1)
        {
            throw new ArgumentException($"ContainerRepositoryProps.MaxImageCount is {props.MaxImageCount}: keep at least 1 image.");
        }

        if (props.UntaggedImageDays < 1)
        {
            throw new ArgumentException($"ContainerRepositoryProps.UntaggedImageDays is {props.UntaggedImageDays}: use 1 day or more.");
        }

        Repository = new Repository(this, "Resource", new RepositoryProps
        {
            RepositoryName = props.RepositoryName,
            ImageScanOnPush = true,
            ImageTagMutability = TagMutability.IMMUTABLE,
            Encryption = RepositoryEncryption.KMS,
            EncryptionKey = props.EncryptionKey,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    RulePriority = 1,
                    Description = $"Remove untagged images after {props.UntaggedImageDays} days",
                    TagStatus = TagStatus.UNTAGGED,
                    MaxImageAge = Duration.Days(props.UntaggedImageDays),
                },
                new LifecycleRule
                {
                    RulePriority = 2,
                    Description = $"Keep the newest {props.MaxImageCount} images",
                    TagStatus = TagStatus.ANY,
                    MaxImageCount = props.MaxImageCount,
                },
            ],
        });
    }

    /// <summary>The repository.</summary>
    public IRepository Repository { get; }

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex RepositoryNamePattern();
}
