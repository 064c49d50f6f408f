namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-03: database subnets have no route to an internet gateway, a NAT gateway (nor an egress-only gateway or a
/// NAT instance); application subnets have no route to an internet gateway. Database subnets are the subnets of
/// RDS subnet groups; application subnets are the subnets compute runs in (ECS services, instances, Auto Scaling
/// groups, Lambda functions). One finding per offending route, at its target, naming the subnets it serves.
/// Not applicable to a template without subnets.
/// </summary>
public sealed class IsolatedSubnetRoutesRule : ITemplateRule
{
    public RuleMetadata Metadata { get; } = new(
        "NET-03",
        "Database subnets have no route out of the VPC; application subnets have no route to an internet gateway",
        Severity.High,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "Give database subnets a route table of their own with no AWS::EC2::Route to an internet gateway, NAT gateway or instance; route application subnets' 0.0.0.0/0 to a NAT gateway (or nowhere, with VPC endpoints), never to the internet gateway.",
            Cdk: "Put databases in subnetType: PRIVATE_ISOLATED subnets and services in PRIVATE_WITH_EGRESS (or PRIVATE_ISOLATED) subnets; do not add routes to the internet gateway with addRoute/addDefaultInternetRoute on them."))
    {
        SeedText = "Private Subnet (Application Tier): Application containers with no direct internet access. Database Subnet (Data Tier): Database instances completely isolated from internet.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var topology = Topology.Of(template);
        var subnets = topology.Subnets.ToList();
        return subnets.Count == 0 ? null : Violations(subnets).ToList();
    }

    private static IEnumerable<Violation> Violations(List<Subnet> subnets)
    {
        var offending = new Dictionary<Route, (List<string> Database, List<string> Application)>();
        foreach (var subnet in subnets)
        {
            var database = subnet.InDatabaseSubnetGroup;
            var application = !database && subnet.HoldsCompute;
            foreach (var route in subnet.Routes)
            {
                var bad = database ? route.LeadsToInternet || route.Kind == RouteTarget.Unknown
                    : application && route.Kind is RouteTarget.InternetGateway or RouteTarget.Unknown;
                if (!bad)
                {
                    continue;
                }

                if (!offending.TryGetValue(route, out var served))
                {
                    offending[route] = served = ([], []);
                }

                (database ? served.Database : served.Application).Add(subnet.LogicalId);
            }

            if (database || application)
            {
                foreach (var table in subnet.UnknownRouteTables)
                {
                    yield return subnet.Resource.Unprovable(table, $"uses a route table that cannot be resolved ({table.UnknownReason ?? table.Describe()}): cannot tell whether the {(database ? "database" : "application")} subnet has a route out");
                }
            }
        }

        foreach (var (route, (database, application)) in offending)
        {
            var message = route.Kind == RouteTarget.Unknown
                ? $"routes {Served(database, application)} to {route.Describe()}: it may lead to the internet"
                : database.Count > 0
                    ? $"gives {Served(database, application)} a route to {route.Describe()}; database subnets must have no route out of the VPC"
                    : $"gives {Served(database, application)} a route to {route.Describe()}; application subnets reach out through NAT or VPC endpoints, never an internet gateway";
            yield return route.Resource.Fail(route.Target, message);
        }
    }

    private static string Served(List<string> database, List<string> application)
    {
        var parts = new List<string>();
        if (database.Count > 0)
        {
            parts.Add($"database subnet(s) {string.Join(", ", database)}");
        }

        if (application.Count > 0)
        {
            parts.Add($"application subnet(s) {string.Join(", ", application)}");
        }

        return string.Join(" and ", parts);
    }
}
