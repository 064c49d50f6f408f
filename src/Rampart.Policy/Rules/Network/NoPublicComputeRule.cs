namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-02: nothing but load balancers is reachable from the internet.
/// <list type="bullet">
/// <item>ECS services: <c>AssignPublicIp</c> is not <c>ENABLED</c>;</item>
/// <item>RDS instances: <c>PubliclyAccessible</c> is false, and written: when it is not set, RDS makes the instance
/// public if its VPC has an internet gateway (any VPC with a public tier);</item>
/// <item>instances, launch templates and launch configurations: no <c>AssociatePublicIpAddress: true</c>;</item>
/// <item>subnets that auto-assign public IPs (<c>MapPublicIpOnLaunch: true</c>) hold no instances or Auto Scaling groups;</item>
/// <item>no ECS service, instance, Auto Scaling group or RDS database (through its subnet group) in a public subnet.</item>
/// </list>
/// A subnet the template does not define (a parameter, an import, a literal ID) cannot be judged: placing compute
/// in it is reported as not proven.
/// </summary>
public sealed class NoPublicComputeRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "NET-02",
        "Only load balancers are reachable from the internet: no public IPs and no compute in public subnets",
        Severity.High,
        SeedSection.Network,
        [FrameworkReference.Fsbp("ECS.2"), FrameworkReference.Fsbp("RDS.2"), FrameworkReference.Fsbp("EC2.9"), FrameworkReference.Config("subnet-auto-assign-public-ip-disabled")],
        new Remediation(
            CloudFormation: "Set NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: DISABLED on ECS services, PubliclyAccessible: false on RDS instances, AssociatePublicIpAddress: false (or leave it out) on instances and launch templates, MapPublicIpOnLaunch: false on subnets, and place services, instances and databases in the private application or isolated database subnets.",
            Cdk: "Use assignPublicIp: false and vpcSubnets: { subnetType: PRIVATE_WITH_EGRESS } for services and instances, publiclyAccessible: false and vpcSubnets: { subnetType: PRIVATE_ISOLATED } for databases, and mapPublicIpOnLaunch: false in the VPC's subnet configuration."))
    {
        SeedText = "Public Subnet (DMZ): Only load balancers exposed to internet. Private Subnet (Application Tier): Application containers with no direct internet access.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } =
    [
        "AWS::ECS::Service",
        "AWS::RDS::DBInstance",
        "AWS::EC2::Instance",
        "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration",
        "AWS::AutoScaling::AutoScalingGroup",
        Topology.SubnetType,
    ];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) => resource.Type switch
    {
        "AWS::ECS::Service" => Service(resource),
        "AWS::RDS::DBInstance" => Database(resource),
        "AWS::EC2::Instance" => PublicAddress(resource, "NetworkInterfaces[*].AssociatePublicIpAddress")
            .Concat(Placement(resource, ["SubnetId", "NetworkInterfaces[*].SubnetId"], "instance")),
        "AWS::EC2::LaunchTemplate" => PublicAddress(resource, "LaunchTemplateData.NetworkInterfaces[*].AssociatePublicIpAddress"),
        "AWS::AutoScaling::LaunchConfiguration" => PublicAddress(resource, "AssociatePublicIpAddress"),
        "AWS::AutoScaling::AutoScalingGroup" => Placement(resource, ["VPCZoneIdentifier[*]"], "Auto Scaling group"),
        _ => MapsPublicIps(resource),
    };

    private static IEnumerable<Violation> Service(ResourceContext service)
    {
        foreach (var assign in service.Get("NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp"))
        {
            if (assign.IsUnknown)
            {
                yield return service.Fail(assign, $"gives its tasks public IPs or not by {Resources.Name(assign)}", "public-ip");
            }
            else if (assign.AsString() == "ENABLED")
            {
                yield return service.Fail(assign, "gives its tasks public IPs (AssignPublicIp: ENABLED): containers must be reachable only through the load balancer", "public-ip");
            }
        }

        foreach (var violation in Placement(service, ["NetworkConfiguration.AwsvpcConfiguration.Subnets[*]"], "service"))
        {
            yield return violation;
        }
    }

    private static IEnumerable<Violation> Database(ResourceContext database)
    {
        foreach (var accessible in database.Get("PubliclyAccessible"))
        {
            if (accessible.IsUnknown)
            {
                yield return database.Fail(accessible, $"is publicly accessible or not by {Resources.Name(accessible)}", "publicly-accessible");
            }
            else if (accessible.IsAbsent)
            {
                yield return database.Fail(accessible, "does not set PubliclyAccessible: RDS then makes the instance public when its VPC has an internet gateway; set it to false", "publicly-accessible");
            }
            else if (accessible.AsBoolean() == true)
            {
                yield return database.Fail(accessible, "is publicly accessible (PubliclyAccessible: true): the database must be reachable from the application tier only", "publicly-accessible");
            }
        }

        var topology = Topology.Of(database.Template);
        foreach (var groupName in database.Get("DBSubnetGroupName"))
        {
            if (Resources.Referenced(database, groupName, "AWS::RDS::DBSubnetGroup") is not { } group)
            {
                continue;
            }

            var publicSubnets = group.Get("SubnetIds[*]").Select(v => topology.Find(group, v)).OfType<Subnet>().Where(s => s.Reach == SubnetReach.Public).ToList();
            if (publicSubnets.Count > 0)
            {
                yield return database.Fail(groupName, $"is placed through subnet group {group.LogicalId} in public subnet(s) {string.Join(", ", publicSubnets.Select(s => s.LogicalId))}; databases belong in the isolated database subnets", "placement");
            }
        }
    }

    private static IEnumerable<Violation> PublicAddress(ResourceContext resource, string path)
    {
        foreach (var associate in resource.Get(path))
        {
            if (associate.IsUnknown)
            {
                yield return resource.Fail(associate, $"associates a public IP address or not by {Resources.Name(associate)}", "public-ip");
            }
            else if (associate.AsBoolean() == true)
            {
                yield return resource.Fail(associate, "associates a public IP address (AssociatePublicIpAddress: true): only load balancers may be reachable from the internet", "public-ip");
            }
        }
    }

    private static IEnumerable<Violation> Placement(ResourceContext compute, string[] paths, string what)
    {
        var topology = Topology.Of(compute.Template);
        foreach (var value in paths.SelectMany(path => compute.Get(path)).Where(v => !v.IsAbsent))
        {
            if (topology.Find(compute, value) is { } subnet)
            {
                if (subnet.PublicRoute is { } route)
                {
                    yield return compute.Fail(value, $"runs in public subnet {subnet.LogicalId} (its route table sends traffic to {route.Describe()}); the {what} belongs in the private application subnets", "placement");
                }
            }
            else
            {
                yield return compute.Unprovable(value, value.IsUnknown
                    ? $"runs in subnets that cannot be resolved ({value.UnknownReason}): cannot tell whether they are public"
                    : $"runs in subnet {Resources.Name(value)}, which this template does not define: cannot tell whether it is public", "placement");
            }
        }
    }

    private static IEnumerable<Violation> MapsPublicIps(ResourceContext subnet)
    {
        var info = Topology.Of(subnet.Template).Find(subnet.LogicalId);
        if (info is not { HoldsInstances: true })
        {
            yield break;
        }

        foreach (var map in subnet.Get("MapPublicIpOnLaunch"))
        {
            if (map.AsBoolean() == true || map.IsUnknown)
            {
                yield return subnet.Fail(map, "gives a public IP to every instance launched in it (MapPublicIpOnLaunch: true) and holds instances or Auto Scaling groups", "map-public-ip");
            }
        }
    }
}
