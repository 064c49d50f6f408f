using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// "Does the VPC have a flow log?" when the flow log, or the VPC, exists only under a template condition:
/// the answer depends on the conditions. This enumerates the assignments of the (few) conditions involved
/// and describes the ones in which something is missing as simply as it can ("when EnableLogs is false").
/// Conditions are free variables, as in <see cref="Guard"/>; beyond <see cref="MaxConditions"/> distinct
/// conditions every resource is taken to exist (a bounded cost, at the price of missing a conditional gap).
/// </summary>
public static class Scenarios
{
    /// <summary>At most 2^4 = 16 assignments are looked at.</summary>
    public const int MaxConditions = 4;

    /// <summary>Every assignment of the conditions the guards mention; <c>[Always]</c> when they mention none.</summary>
    public static IReadOnlyList<Guard> Of(IEnumerable<Guard> guards)
    {
        var conditions = guards.SelectMany(g => g.Literals.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (conditions.Count == 0 || conditions.Count > MaxConditions)
        {
            return [Guard.Always];
        }

        var scenarios = new List<Guard>();
        for (var bits = 0; bits < 1 << conditions.Count; bits++)
        {
            var scenario = Guard.Always;
            for (var i = 0; i < conditions.Count; i++)
            {
                scenario = scenario.And(conditions[i], (bits & (1 << i)) != 0)!;
            }

            scenarios.Add(scenario);
        }

        return scenarios;
    }

    /// <summary>
    /// True when something guarded by <paramref name="guard"/> exists in <paramref name="scenario"/>
    /// (a full assignment of the conditions involved, or <c>Always</c> when conditions are ignored).
    /// </summary>
    public static bool Holds(Guard scenario, Guard guard) => scenario.IsAlways || scenario.And(guard) is not null;

    /// <summary>
    /// The guards under which a <paramref name="subject"/> (a VPC, a load balancer) exists while none of the
    /// <paramref name="candidates"/> (flow logs, web ACL associations) that would satisfy it does. Empty when
    /// it is always satisfied.
    /// </summary>
    public static IReadOnlyList<Guard> WhenMissing(Guard subject, IReadOnlyCollection<Guard> candidates)
    {
        if (candidates.Any(c => c.IsAlways))
        {
            return [];
        }

        if (candidates.Count == 0)
        {
            return [subject];
        }

        var all = Of([subject, .. candidates]).Where(s => Holds(s, subject)).ToList();
        var failing = all.Where(s => !candidates.Any(c => Holds(s, c))).ToList();
        return Summarize(all, failing);
    }

    /// <summary>
    /// Describes <paramref name="failing"/> (a subset of <paramref name="all"/>) by one guard when it can:
    /// <c>Always</c> when it is everything, one literal ("EnableLogs is false") when exactly the scenarios with
    /// that literal fail, otherwise each failing scenario in full.
    /// </summary>
    public static IReadOnlyList<Guard> Summarize(IReadOnlyList<Guard> all, IReadOnlyList<Guard> failing)
    {
        if (failing.Count == 0)
        {
            return [];
        }

        if (failing.Count == all.Count)
        {
            return [Common(all)];
        }

        foreach (var (condition, _) in all[0].Literals)
        {
            foreach (var value in new[] { true, false })
            {
                var matching = all.Where(s => s.Literals[condition] == value).ToList();
                if (matching.Count == failing.Count && matching.All(failing.Contains))
                {
                    return [Common(matching)];
                }
            }
        }

        return failing;
    }

    /// <summary>The literals every scenario agrees on (what they have in common).</summary>
    private static Guard Common(IReadOnlyList<Guard> scenarios)
    {
        var common = Guard.Always;
        foreach (var (condition, value) in scenarios[0].Literals)
        {
            if (scenarios.All(s => s.Literals.TryGetValue(condition, out var v) && v == value))
            {
                common = common.And(condition, value)!;
            }
        }

        return common;
    }
}
