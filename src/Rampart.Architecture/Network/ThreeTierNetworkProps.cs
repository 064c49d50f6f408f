using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Network;

/// <summary>Inputs of <see cref="ThreeTierNetwork"/>.</summary>
public sealed partial class ThreeTierNetworkProps
{
    /// <summary>The seed's <c>&lt;application&gt;</c>: names the key alias and the log groups.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;environment&gt;</c>: names the key alias and the log groups.</summary>
    public required string EnvironmentName { get; init; }

    /// <summary>The seed's <c>&lt;vpcCidrBlock&gt;</c>: an IPv4 block from /16 to /28 large enough for the tiers.</summary>
    public required string VpcCidr { get; init; }

    /// <summary>At least two availability zones; every tier has a subnet in each.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>The seed's <c>&lt;applicationPort&gt;</c>.</summary>
    public required int ApplicationPort { get; init; }

    /// <summary>The seed's <c>&lt;databasePort&gt;</c>.</summary>
    public required int DatabasePort { get; init; }

    /// <summary>
    /// Whether the application is to be published through a load balancer in the web tier (there is a certificate for a
    /// domain; the load balancer itself comes with the containers, from phase 2). Default: true. When false (no domain:
    /// the application runs unpublished) the web tier gets no path to the application tier, which then admits nothing;
    /// a rule from a group nothing is attached to would only be an opening nobody reviews (NET-05).
    /// </summary>
    public bool ApplicationPublished { get; init; } = true;

    /// <summary>How long the network's log groups (flow logs, custom resource handlers) keep events. Default: one year.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_YEAR;

    /// <summary>
    /// The stack's logs key (<c>ServiceKeys.For(KeyService.Logs)</c>), which encrypts the network's log
    /// groups. Default: the network makes its own service keys and uses their logs key; in a stack that
    /// already has service keys for this application and environment, pass their logs key instead.
    /// </summary>
    public IKey? LogEncryptionKey { get; init; }

    /// <summary>
    /// Checks the props before any construct is built, so a bad value fails with one line naming the
    /// field, what was wrong and what is accepted, instead of a jsii stack trace.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not accepted.</exception>
    public void Validate()
    {
        Require(NamePart().IsMatch(Application), nameof(Application), $"'{Application}' is not accepted; use lower-case letters, digits and hyphens");
        Require(NamePart().IsMatch(EnvironmentName), nameof(EnvironmentName), $"'{EnvironmentName}' is not accepted; use lower-case letters, digits and hyphens");
        Require(ApplicationPort is >= 1 and <= 65535, nameof(ApplicationPort), $"{ApplicationPort} is not a TCP port; use 1 to 65535");
        Require(DatabasePort is >= 1 and <= 65535, nameof(DatabasePort), $"{DatabasePort} is not a TCP port; use 1 to 65535");

        var zones = AvailabilityZones.Distinct(StringComparer.Ordinal).Count();
        Require(zones >= 2 && zones == AvailabilityZones.Count, nameof(AvailabilityZones),
            $"{AvailabilityZones.Count} zone(s) given, {zones} distinct; give at least two distinct zones");

        // TryParse clears host bits silently; a block written with them is a typo worth refusing.
        Require(IPNetwork.TryParse(VpcCidr, out var network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork && network.ToString() == VpcCidr,
            nameof(VpcCidr), $"'{VpcCidr}' is not an IPv4 CIDR block without host bits (e.g. 10.0.0.0/16)");
        Require(network.PrefixLength is >= 16 and <= 28, nameof(VpcCidr), $"/{network.PrefixLength} is not accepted; AWS takes /16 to /28");

        // The tiers laid out as the CDK does (VpcSizing.Plan), from address 0 of an unbounded block.
        var needed = VpcSizing.Plan(new Ipv4Block(0, 0), zones)!.Max(subnet => subnet.Block.End);
        var available = 1L << (32 - network.PrefixLength);
        Require(needed <= available, nameof(VpcCidr),
            $"{VpcCidr} holds {available} addresses but {zones} zones of /{VpcSizing.PublicSubnetPrefix}, /{VpcSizing.ApplicationSubnetPrefix} and /{VpcSizing.DatabaseSubnetPrefix} subnets need {needed}; use a larger block");
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(ThreeTierNetworkProps)}.{field}: {problem}.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePart();
}
