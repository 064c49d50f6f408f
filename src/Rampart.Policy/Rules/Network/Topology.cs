using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>Where a route leads.</summary>
public enum RouteTarget
{
    /// <summary>An internet gateway (or a carrier gateway): the subnet is public.</summary>
    InternetGateway,

    /// <summary>A NAT gateway: out to the internet, nothing in.</summary>
    NatGateway,

    /// <summary>An egress-only internet gateway (IPv6 out, nothing in).</summary>
    EgressOnlyGateway,

    /// <summary>An instance or network interface: a NAT instance or an appliance, a way out.</summary>
    Instance,

    /// <summary>Somewhere that is not the internet: a transit gateway, a peering, a VPN gateway, an endpoint.</summary>
    Private,

    /// <summary>A target the template cannot tell (a parameter, an import).</summary>
    Unknown,
}

/// <summary>How a subnet reaches beyond its VPC, from its route table.</summary>
public enum SubnetReach
{
    /// <summary>No route out (local only, or only private targets): an isolated subnet.</summary>
    Isolated,

    /// <summary>Out through NAT (or an egress-only gateway, a NAT instance), never in.</summary>
    Outbound,

    /// <summary>A route to an internet gateway: a public subnet.</summary>
    Public,

    /// <summary>The route table or a route's target cannot be resolved.</summary>
    Unknown,
}

/// <summary>The seed's three subnet tiers.</summary>
public enum SubnetTier
{
    Public,
    Application,
    Database,
    Unknown,
}

/// <summary>One route of a route table: the route resource and its target value.</summary>
public sealed record Route(ResourceContext Resource, Resolved Target, RouteTarget Kind)
{
    public bool LeadsToInternet => Kind is RouteTarget.InternetGateway or RouteTarget.NatGateway or RouteTarget.EgressOnlyGateway or RouteTarget.Instance;

    public string Describe() => Kind switch
    {
        RouteTarget.InternetGateway => $"internet gateway {Resources.Name(Target)}",
        RouteTarget.NatGateway => $"NAT gateway {Resources.Name(Target)}",
        RouteTarget.EgressOnlyGateway => $"egress-only internet gateway {Resources.Name(Target)}",
        RouteTarget.Instance => $"instance/network interface {Resources.Name(Target)} (a NAT instance or appliance)",
        RouteTarget.Private => Resources.Name(Target),
        _ => Resources.Name(Target),
    };
}

/// <summary>A subnet as the NET rules see it: its VPC, routes, reach, tier, availability zone and what runs in it.</summary>
public sealed class Subnet
{
    internal Subnet(ResourceContext resource) => Resource = resource;

    public ResourceContext Resource { get; }

    public string LogicalId => Resource.LogicalId;

    /// <summary>The logical ID of its VPC when the template defines it.</summary>
    public string? VpcId { get; internal set; }

    /// <summary>The routes of its route table(s); empty for the VPC's main route table (local only in CloudFormation).</summary>
    public List<Route> Routes { get; } = [];

    /// <summary>Route table associations whose table cannot be resolved.</summary>
    public List<Resolved> UnknownRouteTables { get; } = [];

    public SubnetReach Reach { get; internal set; }

    public SubnetTier Tier { get; internal set; }

    /// <summary>An ECS service, instance, Auto Scaling group or Lambda function runs here.</summary>
    public bool HoldsCompute { get; internal set; }

    /// <summary>An EC2 instance or Auto Scaling group runs here (what <c>MapPublicIpOnLaunch</c> gives a public IP).</summary>
    public bool HoldsInstances { get; internal set; }

    /// <summary>The subnet is in an <c>AWS::RDS::DBSubnetGroup</c>.</summary>
    public bool InDatabaseSubnetGroup { get; internal set; }

    /// <summary>
    /// The availability zone as a comparable key: <c>name:us-east-1a</c>, <c>id:use1-az1</c>, or
    /// <c>index:0</c> for <c>!Select [0, !GetAZs ""]</c> (distinct indexes are distinct zones); null when unknown.
    /// </summary>
    public string? Zone { get; internal set; }

    /// <summary>The first internet-gateway route, if any.</summary>
    public Route? PublicRoute => Routes.FirstOrDefault(r => r.Kind == RouteTarget.InternetGateway);
}

/// <summary>
/// The subnets of one template, their routes and tiers, built once per template. Tiers are recognised by
/// routes and by use:
/// <list type="bullet">
/// <item>public: a route to an internet gateway;</item>
/// <item>database: the subnets of an <c>AWS::RDS::DBSubnetGroup</c>; in a template without one, subnets with no
/// route out that hold no compute;</item>
/// <item>application: subnets that hold compute (ECS services, instances, Auto Scaling groups, Lambda functions);
/// otherwise subnets that go out through NAT only; and, when the template has database subnet groups, isolated
/// subnets outside them.</item>
/// </list>
/// A subnet without a route table association uses the VPC's main route table, which CloudFormation cannot give
/// routes: it is isolated.
/// </summary>
public sealed class Topology
{
    private static readonly TemplateIndex<Topology> PerTemplate = new(template => new Topology(template));

    public const string VpcType = "AWS::EC2::VPC";
    public const string SubnetType = "AWS::EC2::Subnet";

    private static readonly (string Field, RouteTarget Kind)[] RouteFields =
    [
        ("GatewayId", RouteTarget.Unknown), // decided by what the gateway is
        ("NatGatewayId", RouteTarget.NatGateway),
        ("EgressOnlyInternetGatewayId", RouteTarget.EgressOnlyGateway),
        ("InstanceId", RouteTarget.Instance),
        ("NetworkInterfaceId", RouteTarget.Instance),
        ("CarrierGatewayId", RouteTarget.InternetGateway),
        ("TransitGatewayId", RouteTarget.Private),
        ("VpcPeeringConnectionId", RouteTarget.Private),
        ("LocalGatewayId", RouteTarget.Private),
        ("VpcEndpointId", RouteTarget.Private),
        ("CoreNetworkArn", RouteTarget.Private),
    ];

    /// <summary>Compute and where its subnets are written: (type, subnet paths, is an EC2 instance host).</summary>
    private static readonly (string Type, string[] Paths, bool Instances)[] ComputePlacements =
    [
        ("AWS::ECS::Service", ["NetworkConfiguration.AwsvpcConfiguration.Subnets[*]"], false),
        ("AWS::EC2::Instance", ["SubnetId", "NetworkInterfaces[*].SubnetId"], true),
        ("AWS::AutoScaling::AutoScalingGroup", ["VPCZoneIdentifier[*]"], true),
        ("AWS::Lambda::Function", ["VpcConfig.SubnetIds[*]"], false),
    ];

    private readonly Dictionary<string, Subnet> _subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Route>> _routesByTable = new(StringComparer.Ordinal);

    private Topology(TemplateContext template)
    {
        Template = template;
        foreach (var resource in template.OfType(SubnetType).Where(Resources.CanExist))
        {
            var subnet = new Subnet(resource)
            {
                VpcId = resource.Get("VpcId").Select(v => Resources.Referenced(resource, v, VpcType)?.LogicalId).FirstOrDefault(id => id is not null),
                Zone = ZoneOf(resource),
            };
            _subnets[resource.LogicalId] = subnet;
        }

        foreach (var route in template.OfType("AWS::EC2::Route").Where(Resources.CanExist))
        {
            foreach (var table in route.Get("RouteTableId"))
            {
                if (Resources.Referenced(route, table, "AWS::EC2::RouteTable") is { } routeTable)
                {
                    if (!_routesByTable.TryGetValue(routeTable.LogicalId, out var routes))
                    {
                        _routesByTable[routeTable.LogicalId] = routes = [];
                    }

                    routes.AddRange(TargetsOf(route));
                }
            }
        }

        foreach (var association in template.OfType("AWS::EC2::SubnetRouteTableAssociation").Where(Resources.CanExist))
        {
            var subnets = association.Get("SubnetId").Select(v => Find(association, v)).OfType<Subnet>().ToList();
            foreach (var table in association.Get("RouteTableId"))
            {
                foreach (var subnet in subnets)
                {
                    if (Resources.Referenced(association, table, "AWS::EC2::RouteTable") is { } routeTable)
                    {
                        subnet.Routes.AddRange(_routesByTable.GetValueOrDefault(routeTable.LogicalId) ?? []);
                    }
                    else
                    {
                        subnet.UnknownRouteTables.Add(table);
                    }
                }
            }
        }

        foreach (var groupResource in template.OfType("AWS::RDS::DBSubnetGroup"))
        {
            HasDatabaseSubnetGroups = true;
            foreach (var value in groupResource.Get("SubnetIds[*]"))
            {
                if (Find(groupResource, value) is { } subnet)
                {
                    subnet.InDatabaseSubnetGroup = true;
                }
            }
        }

        foreach (var (type, paths, instances) in ComputePlacements)
        {
            foreach (var compute in template.OfType(type).Where(Resources.CanExist))
            {
                foreach (var value in paths.SelectMany(path => compute.Get(path)))
                {
                    if (Find(compute, value) is { } subnet)
                    {
                        subnet.HoldsCompute = true;
                        subnet.HoldsInstances |= instances;
                    }
                }
            }
        }

        foreach (var subnet in _subnets.Values)
        {
            subnet.Reach = ReachOf(subnet);
        }

        foreach (var subnet in _subnets.Values)
        {
            subnet.Tier = TierOf(subnet);
        }
    }

    public TemplateContext Template { get; }

    /// <summary>The template's subnets in the order written.</summary>
    public IEnumerable<Subnet> Subnets => Template.OfType(SubnetType).Select(r => _subnets.GetValueOrDefault(r.LogicalId)).OfType<Subnet>();

    public bool HasDatabaseSubnetGroups { get; }

    public static Topology Of(TemplateContext template) => PerTemplate.Of(template);

    /// <summary>The subnet with this logical ID, when the template defines it.</summary>
    public Subnet? Find(string logicalId) => _subnets.GetValueOrDefault(logicalId);

    /// <summary>The subnet a value refers to, when the template defines it.</summary>
    public Subnet? Find(ResourceContext from, Resolved value) =>
        Resources.Referenced(from, value, SubnetType) is { } resource ? _subnets.GetValueOrDefault(resource.LogicalId) : null;

    /// <summary>The subnets of a VPC of the template.</summary>
    public IEnumerable<Subnet> SubnetsOf(string vpcId) => Subnets.Where(s => s.VpcId == vpcId);

    public static string Describe(SubnetTier tier) => tier switch
    {
        SubnetTier.Public => "public",
        SubnetTier.Application => "application",
        SubnetTier.Database => "database",
        _ => "unrecognised",
    };

    private IEnumerable<Route> TargetsOf(ResourceContext route)
    {
        foreach (var (field, kind) in RouteFields)
        {
            foreach (var target in route.Get(field))
            {
                if (target.IsAbsent)
                {
                    continue;
                }

                var decided = field == "GatewayId" ? GatewayKind(route, target) : kind;
                if (decided is { } k)
                {
                    yield return new Route(route, target, k);
                }
            }
        }
    }

    /// <summary>What a <c>GatewayId</c> is: an internet gateway, a VPN gateway, "local" (no route), or unknown.</summary>
    private static RouteTarget? GatewayKind(ResourceContext route, Resolved target)
    {
        if (route.Follow(target) is { } gateway)
        {
            return gateway.Type == "AWS::EC2::InternetGateway" ? RouteTarget.InternetGateway : RouteTarget.Private;
        }

        return target.AsString() switch
        {
            "local" => null,
            { } id when id.StartsWith("igw-", StringComparison.Ordinal) => RouteTarget.InternetGateway,
            { } id when id.StartsWith("vgw-", StringComparison.Ordinal) => RouteTarget.Private,
            _ => RouteTarget.Unknown,
        };
    }

    private static SubnetReach ReachOf(Subnet subnet)
    {
        if (subnet.Routes.Any(r => r.Kind == RouteTarget.InternetGateway))
        {
            return SubnetReach.Public;
        }

        if (subnet.Routes.Any(r => r.LeadsToInternet))
        {
            return SubnetReach.Outbound;
        }

        return subnet.UnknownRouteTables.Count > 0 || subnet.Routes.Any(r => r.Kind == RouteTarget.Unknown) ? SubnetReach.Unknown : SubnetReach.Isolated;
    }

    private SubnetTier TierOf(Subnet subnet)
    {
        if (subnet.Reach == SubnetReach.Public)
        {
            return SubnetTier.Public;
        }

        if (subnet.InDatabaseSubnetGroup)
        {
            return SubnetTier.Database;
        }

        if (subnet.HoldsCompute || subnet.Reach == SubnetReach.Outbound)
        {
            return SubnetTier.Application;
        }

        return subnet.Reach switch
        {
            SubnetReach.Isolated => HasDatabaseSubnetGroups ? SubnetTier.Application : SubnetTier.Database,
            _ => SubnetTier.Unknown,
        };
    }

    /// <summary>The availability zone key (see <see cref="Subnet.Zone"/>), reading CDK's <c>!Select [n, !GetAZs '']</c>.</summary>
    private static string? ZoneOf(ResourceContext subnet)
    {
        if (subnet.Get("AvailabilityZone").FirstOrDefault()?.AsString() is { } name)
        {
            return "name:" + name;
        }

        if (subnet.Get("AvailabilityZoneId").FirstOrDefault()?.AsString() is { } id)
        {
            return "id:" + id;
        }

        if (subnet.Resource.Properties?["AvailabilityZone"]?.AsMapping() is { } select
            && select.TryGetIntrinsic(out var function, out var argument) && function == "Fn::Select"
            && argument.AsSequence() is { Count: 2 } pair && pair.Items[0].AsScalar() is { } index
            && pair.Items[1].AsMapping() is { } zones && zones.TryGetIntrinsic(out var inner, out _) && inner == "Fn::GetAZs")
        {
            return "index:" + index.Text;
        }

        return null;
    }
}
