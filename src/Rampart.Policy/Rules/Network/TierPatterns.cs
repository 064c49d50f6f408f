using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>What is wrong with one security group rule: where to point, why, and whether the template proves it.</summary>
/// <param name="At">The value to point at (the peer, or the port).</param>
/// <param name="Reason">The message.</param>
/// <param name="Proven">False when the verdict rests on a value the template cannot tell.</param>
public sealed record Verdict(Resolved At, string Reason, bool Proven);

/// <summary>
/// The driver the tier rules (NET-04, NET-05, NET-06) share: every rule of every group of a tier is judged by
/// the tier's pattern; groups attached from outside the template and resources without a group of their own
/// are reported too, since they escape the pattern.
/// </summary>
public static class TierPatterns
{
    /// <summary>Judges every rule (placeholders aside) of the groups of <paramref name="tier"/> in one direction.</summary>
    public static IEnumerable<Violation> Check(SecurityGroupTiers tiers, GroupTier tier, Direction direction, Func<ResourceContext, GroupRule, Verdict?> judge)
    {
        foreach (var group in tiers.GroupsIn(tier))
        {
            foreach (var rule in tiers.Rules(group.LogicalId, direction))
            {
                if (rule.IsNoTrafficPlaceholder || judge(group, rule) is not { } verdict)
                {
                    continue;
                }

                yield return rule.Owner.Fail(verdict.At, verdict.Reason, rule.Key) with { Guard = rule.Guard, Proven = verdict.Proven };
            }
        }
    }

    /// <summary>Groups of the tier that keep AWS's default allow-all egress (no egress rule at all).</summary>
    public static IEnumerable<Violation> DefaultEgress(SecurityGroupTiers tiers, GroupTier tier, string pattern)
    {
        foreach (var group in tiers.GroupsIn(tier))
        {
            foreach (var (egress, guard) in tiers.DefaultEgress(group))
            {
                yield return group.Fail(egress, $"has no egress rule (SecurityGroupEgress is {(egress.IsAbsent ? "not set" : "empty")} and no AWS::EC2::SecurityGroupEgress adds one), so AWS gives it an allow-all egress rule; {pattern}", "egress default") with { Guard = guard, Proven = true };
            }
        }
    }

    /// <summary>Resources of the tier whose group is outside the template, and resources without any group.</summary>
    public static IEnumerable<Violation> Attachments(SecurityGroupTiers tiers, GroupTier tier, string tierName)
    {
        foreach (var attachment in tiers.OutsideGroups.Where(a => a.Tier == tier))
        {
            var group = attachment.Value.IsUnknown
                ? $"a security group that cannot be resolved ({attachment.Value.UnknownReason})"
                : $"security group {Resources.Name(attachment.Value)}, which this template does not define";
            yield return attachment.Resource.Unprovable(attachment.Value, $"uses {group}: its rules cannot be checked against the {tierName} tier's pattern", "outside-group");
        }

        foreach (var attachment in tiers.WithoutGroup.Where(a => a.Tier == tier))
        {
            var message = $"has no security group of its own, so it gets the VPC's default group; the {tierName} tier needs a group with the seed's rules";
            yield return attachment.Resource.Fail(attachment.Value, message, "no-group") with { Proven = true };
        }
    }

    /// <summary>The verdict on a rule whose port is what is wrong (unprovable when the ports cannot be resolved).</summary>
    public static Verdict WrongPort(GroupRule rule, string reason) =>
        rule.PortsKnown ? new Verdict(rule.PortValue, reason, true) : new Verdict(rule.PortValue, reason, false);

    /// <summary>The verdict on a rule whose peer cannot be checked (outside the template, or unresolved).</summary>
    public static Verdict UncheckablePeer(GroupRule rule, string what) =>
        new(rule.Peer, $"{what} {rule.DescribePeer()}, which cannot be checked here", false);

    /// <summary>A port check against what a tier listens on: null when it passes.</summary>
    public static Verdict? PortIn(GroupRule rule, PortSet ports, string reason) => ports.Allows(rule.FromPort) switch
    {
        true => null,
        false => new Verdict(rule.PortValue, reason, true),
        null => new Verdict(rule.PortValue, reason, false),
    };
}
