namespace Rampart.Architecture.Configuration;

/// <summary>
/// The AWS commercial ("aws" partition) regions, checked in so that validation needs no network.
/// China (aws-cn), GovCloud (aws-us-gov) and the European Sovereign Cloud are other partitions, with
/// other ARNs and endpoints, and are not supported. Source: the AWS Region list of the AWS General
/// Reference, November 2025. A new region is one line here.
/// </summary>
public static class AwsRegions
{
    /// <summary>Every supported region code.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ];

    private static readonly HashSet<string> Known = [.. All];

    public static bool IsKnown(string region) => Known.Contains(region);
}
