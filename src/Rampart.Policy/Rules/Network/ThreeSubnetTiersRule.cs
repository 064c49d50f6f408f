using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-01: every VPC of the template has the seed's three subnet tiers, each in at least two availability zones:
/// public (a route to an internet gateway), private application, isolated database. Tiers are recognised as
/// <see cref="Topology"/> describes (routes, then what runs in the subnets). Availability zones are compared by
/// name, by zone ID, or by the index of CDK's <c>!Select [n, !GetAZs '']</c>; zones the template cannot tell make
/// a short tier unprovable rather than failed. Subnets created under a condition count only where it holds, so a
/// tier that loses its second zone when <c>MultiAz</c> is false is reported "when MultiAz is false".
/// Not applicable to a template without a VPC (a VPC shared from another stack is judged where it is defined).
/// </summary>
public sealed class ThreeSubnetTiersRule : ITemplateRule
{
    private static readonly SubnetTier[] Tiers = [SubnetTier.Public, SubnetTier.Application, SubnetTier.Database];

    public RuleMetadata Metadata { get; } = new(
        "NET-01",
        "The VPC has public, application and database subnet tiers, each in at least two availability zones",
        Severity.Medium,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "Give each VPC three groups of subnets, one per availability zone (at least two): public subnets whose route table sends 0.0.0.0/0 to the internet gateway (load balancers only), application subnets that route out through a NAT gateway (or not at all), and database subnets with no route out, listed in an AWS::RDS::DBSubnetGroup.",
            Cdk: "new Vpc(..., { maxAzs: 2 (or availabilityZones), subnetConfiguration: [{ subnetType: PUBLIC }, { subnetType: PRIVATE_WITH_EGRESS }, { subnetType: PRIVATE_ISOLATED }] }) and place the database with vpcSubnets: { subnetType: PRIVATE_ISOLATED }."))
    {
        SeedText = "Public Subnet (DMZ): Only load balancers exposed to internet; Private Subnet (Application Tier): Application containers with no direct internet access; Database Subnet (Data Tier): Database instances completely isolated from internet.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var vpcs = template.OfType(Topology.VpcType).Where(Resources.CanExist).ToList();
        if (vpcs.Count == 0)
        {
            return null;
        }

        var topology = Topology.Of(template);
        return vpcs.SelectMany(vpc => EvaluateVpc(vpc, topology.SubnetsOf(vpc.LogicalId).ToList())).ToList();
    }

    private static IEnumerable<Violation> EvaluateVpc(ResourceContext vpc, List<Subnet> subnets)
    {
        var scenarios = Scenarios.Of(subnets.Select(s => s.Resource.Guard).Append(vpc.Guard)).Where(s => Scenarios.Holds(s, vpc.Guard)).ToList();
        var problems = new Dictionary<SubnetTier, (string Message, bool Proven, List<Guard> Scenarios)>();
        foreach (var scenario in scenarios)
        {
            var present = subnets.Where(s => Scenarios.Holds(scenario, s.Resource.Guard)).ToList();
            foreach (var tier in Tiers)
            {
                if (Problem(tier, present) is not { } problem)
                {
                    continue;
                }

                if (!problems.TryGetValue(tier, out var found))
                {
                    problems[tier] = found = (problem.Message, problem.Proven, []);
                }

                found.Scenarios.Add(scenario);
            }
        }

        foreach (var (tier, (message, proven, failing)) in problems)
        {
            foreach (var guard in Scenarios.Summarize(scenarios, failing))
            {
                yield return vpc.Fail(message, Topology.Describe(tier)) with { Guard = guard, Proven = proven };
            }
        }
    }

    private static (string Message, bool Proven)? Problem(SubnetTier tier, List<Subnet> subnets)
    {
        var members = subnets.Where(s => s.Tier == tier).ToList();
        var unrecognised = subnets.Count(s => s.Tier == SubnetTier.Unknown);
        var name = Topology.Describe(tier);
        if (members.Count == 0)
        {
            var what = tier switch
            {
                SubnetTier.Public => "no public subnets (a route to an internet gateway) for the load balancers",
                SubnetTier.Application => "no private application subnets (routing out through NAT, or not at all) for the containers",
                _ => "no isolated database subnets (no route out; the subnets of an RDS subnet group) for the databases",
            };
            return unrecognised > 0
                ? ($"has {what}, as far as the template tells: {unrecognised} subnet(s) have routes that cannot be resolved", false)
                : ($"has {what}; the seed separates public, application and database tiers", true);
        }

        var zones = members.Select(s => s.Zone).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var unknownZones = members.Count(s => s.Zone is null);
        // Keys of different kinds (a name and an index) may be the same zone: count the largest kind only.
        var surelyDistinct = zones.GroupBy(z => z[..z.IndexOf(':', StringComparison.Ordinal)]).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        if (surelyDistinct >= 2)
        {
            return null;
        }

        var listed = string.Join(", ", members.Select(s => s.LogicalId));
        return zones.Count + unknownZones >= 2
            ? ($"cannot be shown to spread its {name} tier ({listed}) over two availability zones: the zones cannot be resolved", false)
            : ($"has its {name} tier ({listed}) in one availability zone{ZoneName(zones)}; the seed needs each tier in at least two", true);
    }

    private static string ZoneName(List<string> zones)
    {
        if (zones.Count != 1)
        {
            return string.Empty;
        }

        var colon = zones[0].IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = (zones[0][..colon], zones[0][(colon + 1)..]);
        return kind == "index" ? $" (zone {value} of Fn::GetAZs)" : $" ({value})";
    }
}
