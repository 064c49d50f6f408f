using System.Collections.Immutable;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>The seed's security group tiers. A group may end up in several (which is itself a finding).</summary>
[Flags]
public enum GroupTier
{
    None = 0,

    /// <summary>Attached to an internet-facing load balancer.</summary>
    Web = 1,

    /// <summary>Attached to compute: ECS services, EC2 instances, launch templates and configurations, Lambda functions in a VPC.</summary>
    Application = 2,

    /// <summary>Attached to an RDS instance or Aurora/RDS cluster.</summary>
    Database = 4,
}

/// <summary>Ports a tier listens on, as far as the template tells: known ports, and whether some are unknown.</summary>
public sealed record PortSet(IReadOnlySet<int> Known, bool HasUnknown)
{
    public static PortSet Empty { get; } = new(new HashSet<int>(), false);

    /// <summary>Nothing is known: neither a port nor that there is one the template cannot tell.</summary>
    public bool IsEmpty => Known.Count == 0 && !HasUnknown;

    /// <summary>True when <paramref name="port"/> is one of the ports; null when it may be (an unknown port).</summary>
    public bool? Allows(int port) => Known.Contains(port) || IsEmpty ? true : HasUnknown ? null : false;

    /// <summary>"8080", "5432 or a port that cannot be resolved", "a port that cannot be resolved", "its port".</summary>
    public string Describe()
    {
        var known = string.Join(", ", Known.Order());
        return (Known.Count, HasUnknown) switch
        {
            (0, true) => "a port that cannot be resolved",
            (0, false) => "its port",
            (_, true) => known + " or a port that cannot be resolved",
            _ => known,
        };
    }

    public static PortSet Union(IEnumerable<PortSet> sets)
    {
        var known = new HashSet<int>();
        var unknown = false;
        foreach (var set in sets)
        {
            known.UnionWith(set.Known);
            unknown |= set.HasUnknown;
        }

        return new PortSet(known, unknown);
    }
}

/// <summary>A resource that attaches a security group (or should): a load balancer, a service, a database.</summary>
/// <param name="Resource">The attaching resource.</param>
/// <param name="Value">The group reference as written; for a resource without any group, the absent property.</param>
/// <param name="Tier">The tier the attachment puts the group in.</param>
public sealed record Attachment(ResourceContext Resource, Resolved Value, GroupTier Tier);

/// <summary>
/// The security groups of one template by tier, identified by use (what they are attached to), with their
/// rules (inline and standalone) and the ports the tiers listen on as far as the template tells:
/// <list type="bullet">
/// <item>application port: the container ports an ECS service attached to the group registers with its load
/// balancer (<c>LoadBalancers[*].ContainerPort</c>); failing that, the single TCP ports the group admits from
/// web-tier groups;</item>
/// <item>database port: the <c>Port</c> of the RDS instances and clusters attached to the group, or their
/// engine's default port (3306 MySQL/MariaDB/Aurora MySQL, 5432 PostgreSQL/Aurora PostgreSQL, 1521 Oracle,
/// 1433 SQL Server, 50000 Db2).</item>
/// </list>
/// Built once per template (<see cref="TemplateIndex{T}"/>).
/// </summary>
public sealed class SecurityGroupTiers
{
    private static readonly TemplateIndex<SecurityGroupTiers> PerTemplate = new(template => new SecurityGroupTiers(template));

    private static readonly (string Type, string[] Paths, GroupTier Tier)[] Attachers =
    [
        (LoadBalancers.V2Type, ["SecurityGroups[*]"], GroupTier.Web),
        (LoadBalancers.ClassicType, ["SecurityGroups[*]"], GroupTier.Web),
        ("AWS::ECS::Service", ["NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[*]"], GroupTier.Application),
        ("AWS::EC2::Instance", ["SecurityGroupIds[*]", "SecurityGroups[*]", "NetworkInterfaces[*].GroupSet[*]"], GroupTier.Application),
        ("AWS::EC2::LaunchTemplate", ["LaunchTemplateData.SecurityGroupIds[*]", "LaunchTemplateData.SecurityGroups[*]", "LaunchTemplateData.NetworkInterfaces[*].Groups[*]"], GroupTier.Application),
        ("AWS::AutoScaling::LaunchConfiguration", ["SecurityGroups[*]"], GroupTier.Application),
        ("AWS::Lambda::Function", ["VpcConfig.SecurityGroupIds[*]"], GroupTier.Application),
        ("AWS::RDS::DBInstance", ["VPCSecurityGroups[*]"], GroupTier.Database),
        ("AWS::RDS::DBCluster", ["VpcSecurityGroupIds[*]"], GroupTier.Database),
    ];

    private static readonly Dictionary<string, int> EngineDefaultPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mysql"] = 3306,
        ["mariadb"] = 3306,
        ["aurora"] = 3306,
        ["aurora-mysql"] = 3306,
        ["postgres"] = 5432,
        ["aurora-postgresql"] = 5432,
        ["sqlserver"] = 1433,
        ["oracle"] = 1521,
        ["db2"] = 50000,
    };

    private readonly Dictionary<string, GroupTier> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GroupRule>> _ingress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GroupRule>> _egress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ResourceContext>> _attachedTo = new(StringComparer.Ordinal);
    private readonly List<Attachment> _outside = [];
    private readonly List<Attachment> _withoutGroup = [];

    private SecurityGroupTiers(TemplateContext template)
    {
        Template = template;
        foreach (var (type, paths, tier) in Attachers)
        {
            foreach (var resource in template.OfType(type).Where(Resources.CanExist))
            {
                Attach(resource, paths, tier);
            }
        }

        foreach (var group in template.OfType(SecurityGroups.GroupType))
        {
            _ingress[group.LogicalId] = ReadRules(group, group.Get("SecurityGroupIngress[*]"), Direction.Ingress, group.LogicalId, []);
            _egress[group.LogicalId] = ReadRules(group, group.Get("SecurityGroupEgress[*]"), Direction.Egress, group.LogicalId, []);
        }

        foreach (var (type, direction, rules) in new[] { (SecurityGroups.IngressType, Direction.Ingress, _ingress), (SecurityGroups.EgressType, Direction.Egress, _egress) })
        {
            foreach (var standalone in template.OfType(type))
            {
                var group = SecurityGroups.OwningGroup(standalone);
                if (group is null || group.Type != SecurityGroups.GroupType)
                {
                    continue;
                }

                ReadRules(standalone, standalone.Properties, direction, group.LogicalId, rules[group.LogicalId]);
            }
        }
    }

    /// <summary>
    /// Adds the rules of each item (an inline list's items, or a standalone rule's properties, absent when it has none:
    /// a list's <c>[*]</c> never gives an absent item) to <paramref name="into"/>.
    /// </summary>
    private static List<GroupRule> ReadRules(ResourceContext owner, ImmutableArray<Resolved> items, Direction direction, string groupId, List<GroupRule> into)
    {
        // Loops, not LINQ: this runs for every security group of the template.
        foreach (var item in items)
        {
            if (!item.IsAbsent)
            {
                into.AddRange(SecurityGroups.Read(owner, item, direction, groupId));
            }
        }

        return into;
    }

    public TemplateContext Template { get; }

    /// <summary>Groups attached to a resource of the template that the group index is missing (outside the template).</summary>
    public IReadOnlyList<Attachment> OutsideGroups => _outside;

    /// <summary>Load balancers, services and databases that attach no security group at all (they get the VPC's default group).</summary>
    public IReadOnlyList<Attachment> WithoutGroup => _withoutGroup;

    public static SecurityGroupTiers Of(TemplateContext template) => PerTemplate.Of(template);

    /// <summary>The groups of the template in one tier, in the order written.</summary>
    public IEnumerable<ResourceContext> GroupsIn(GroupTier tier) =>
        Template.OfType(SecurityGroups.GroupType).Where(g => TierOf(g.LogicalId).HasFlag(tier));

    public GroupTier TierOf(string? groupId) => groupId is not null && _tiers.TryGetValue(groupId, out var tier) ? tier : GroupTier.None;

    /// <summary>The resources a group is attached to (load balancers, services, databases).</summary>
    public IReadOnlyCollection<ResourceContext> AttachedTo(string groupId) =>
        _attachedTo.TryGetValue(groupId, out var set) ? set : [];

    /// <summary>Every rule of a group in one direction: its inline rules, then standalone rule resources.</summary>
    public IReadOnlyList<GroupRule> Rules(string groupId, Direction direction) =>
        (direction == Direction.Ingress ? _ingress : _egress).TryGetValue(groupId, out var list) ? list : [];

    /// <summary>
    /// Where, and under which conditions, a group keeps AWS's default allow-all egress rule: EC2 adds it when
    /// the group is created without inline egress (<c>SecurityGroupEgress</c> absent or empty), and CloudFormation
    /// strips it when an <c>AWS::EC2::SecurityGroupEgress</c> resource adds a rule to the group (the behaviour the
    /// CDK relies on when it drops its placeholder for a standalone rule). A standalone rule in another template
    /// cannot be seen here.
    /// </summary>
    public IEnumerable<(Resolved At, Guard Guard)> DefaultEgress(ResourceContext group)
    {
        var standalone = Rules(group.LogicalId, Direction.Egress).Where(r => r.Owner != group).Select(r => r.Owner.Guard).Distinct().ToList();
        foreach (var inline in group.Get("SecurityGroupEgress").Where(v => v.IsAbsent || v.Kind == ValueKind.Null || (v.Kind == ValueKind.Sequence && v.Sequence!.Value.Items.Count == 0)))
        {
            foreach (var guard in Scenarios.WhenMissing(inline.Guard, standalone))
            {
                yield return (inline, guard);
            }
        }
    }

    /// <summary>The application port(s) of a group: the container ports of its ECS services, else the ports it admits from the web tier.</summary>
    public PortSet ApplicationPorts(string groupId)
    {
        var containerPorts = ContainerPorts(groupId);
        if (!containerPorts.IsEmpty)
        {
            return containerPorts;
        }

        var fromWeb = Rules(groupId, Direction.Ingress)
            .Where(r => r.PeerKind == PeerKind.Group && TierOf(r.PeerGroupId).HasFlag(GroupTier.Web) && r.IsTcp && r.IsSinglePort)
            .Select(r => r.FromPort);
        return new PortSet(fromWeb.ToHashSet(), false);
    }

    /// <summary>The container ports that ECS services attached to the group register with a load balancer.</summary>
    public PortSet ContainerPorts(string groupId)
    {
        var known = new HashSet<int>();
        var unknown = false;
        foreach (var service in AttachedTo(groupId).Where(r => r.Type == "AWS::ECS::Service"))
        {
            foreach (var port in service.Get("LoadBalancers[*].ContainerPort").Where(p => !p.IsAbsent))
            {
                if (port.AsInteger() is { } value)
                {
                    known.Add((int)value);
                }
                else
                {
                    unknown = true;
                }
            }
        }

        return new PortSet(known, unknown);
    }

    /// <summary>The port(s) of the databases a group is attached to: their <c>Port</c>, or their engine's default.</summary>
    public PortSet DatabasePorts(string groupId)
    {
        var known = new HashSet<int>();
        var unknown = false;
        foreach (var database in AttachedTo(groupId).Where(r => r.Type is "AWS::RDS::DBInstance" or "AWS::RDS::DBCluster"))
        {
            foreach (var port in database.Get("Port"))
            {
                if (port.AsInteger() is { } value)
                {
                    known.Add((int)value);
                    continue;
                }

                if (!port.IsAbsent)
                {
                    unknown = true;
                    continue;
                }

                foreach (var engine in database.Get("Engine"))
                {
                    var name = engine.AsString();
                    var family = name is null ? null : EngineDefaultPorts.Keys.FirstOrDefault(k => name.Equals(k, StringComparison.OrdinalIgnoreCase))
                        ?? EngineDefaultPorts.Keys.FirstOrDefault(k => name.StartsWith(k + "-", StringComparison.OrdinalIgnoreCase));
                    if (family is not null)
                    {
                        known.Add(EngineDefaultPorts[family]);
                    }
                    else if (!(database.Type == "AWS::RDS::DBInstance" && !database.GetOne("DBClusterIdentifier").IsAbsent))
                    {
                        unknown = true;
                    }
                }
            }
        }

        return new PortSet(known, unknown);
    }

    /// <summary>Every application port of the template (for the network ACLs, which see ports, not groups).</summary>
    public PortSet AllApplicationPorts() => PortSet.Union(GroupsIn(GroupTier.Application).Select(g => ApplicationPorts(g.LogicalId)));

    /// <summary>Every database port of the template.</summary>
    public PortSet AllDatabasePorts() => PortSet.Union(GroupsIn(GroupTier.Database).Select(g => DatabasePorts(g.LogicalId)));

    private void Attach(ResourceContext resource, string[] paths, GroupTier tier)
    {
        if (tier == GroupTier.Web && !LoadBalancers.IsInternetFacing(resource))
        {
            return;
        }

        var values = paths.SelectMany(path => resource.Get(path)).Where(v => !v.IsAbsent).ToList();
        if (values.Count == 0)
        {
            if (ExpectsGroup(resource))
            {
                _withoutGroup.Add(new Attachment(resource, resource.Get(paths[0].Split('[')[0]).First(), tier));
            }

            return;
        }

        foreach (var value in values)
        {
            if (Resources.Referenced(resource, value, SecurityGroups.GroupType) is { } group)
            {
                _tiers[group.LogicalId] = TierOf(group.LogicalId) | tier;
                if (!_attachedTo.TryGetValue(group.LogicalId, out var set))
                {
                    _attachedTo[group.LogicalId] = set = [];
                }

                set.Add(resource);
            }
            else
            {
                _outside.Add(new Attachment(resource, value, tier));
            }
        }
    }

    /// <summary>
    /// Whether a resource without a security group falls back to the VPC's default group: an application load
    /// balancer, an ECS service in awsvpc mode, an instance or launch template, an RDS instance outside a
    /// cluster, a cluster. (Network load balancers may have none; Lambda functions outside a VPC need none.)
    /// </summary>
    private static bool ExpectsGroup(ResourceContext resource) => resource.Type switch
    {
        LoadBalancers.V2Type => LoadBalancers.IsApplication(resource),
        "AWS::ECS::Service" => !resource.GetOne("NetworkConfiguration.AwsvpcConfiguration").IsAbsent,
        "AWS::EC2::Instance" or "AWS::EC2::LaunchTemplate" or "AWS::RDS::DBCluster" => true,
        "AWS::RDS::DBInstance" => resource.GetOne("DBClusterIdentifier").IsAbsent,
        _ => false,
    };
}
