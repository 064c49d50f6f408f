using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>A route that takes a subnet's traffic to the internet (or may: a target the template cannot resolve).</summary>
public sealed record InternetRoute(string Description, Guard Guard, bool Proven);

/// <summary>
/// Following a subnet of the template to the routes of its route table: subnet route table associations, then
/// <c>AWS::EC2::Route</c>s of that table whose target is an internet gateway, a NAT gateway or an egress-only
/// internet gateway. A subnet without an association uses the VPC's main route table, which a template cannot add
/// routes to, so it has none.
/// </summary>
public static class RouteTables
{
    public const string SubnetType = "AWS::EC2::Subnet";
    public const string AssociationType = "AWS::EC2::SubnetRouteTableAssociation";
    public const string RouteType = "AWS::EC2::Route";
    public const string InternetGatewayType = "AWS::EC2::InternetGateway";

    // Associations by subnet and routes by route table, built once per template: looking them up by scanning
    // made the database rule quadratic (22% of a 5,000-resource scan, bench/README.md).
    private static readonly TemplateIndex<Index> Indexes = new(Index.Build);

    /// <summary>The routes that take <paramref name="subnetId"/>'s traffic to the internet.</summary>
    public static IEnumerable<InternetRoute> InternetRoutes(TemplateContext template, string subnetId)
    {
        var index = Indexes.Of(template);
        foreach (var association in index.AssociationsOf(subnetId))
        {
            foreach (var subnet in association.Get("SubnetId").Where(s => s.ReferencedLogicalId == subnetId))
            {
                foreach (var table in association.Get("RouteTableId"))
                {
                    if (subnet.Guard.And(table.Guard) is not { } guard)
                    {
                        continue;
                    }

                    if (table.Kind != ValueKind.ResourceReference)
                    {
                        yield return new InternetRoute($"whose route table {table.Describe()} (association {association.LogicalId}) is not defined in the template", guard, false);
                        continue;
                    }

                    foreach (var route in index.RoutesOf(table.ReferencedLogicalId!))
                    {
                        if (!route.Get("RouteTableId").Any(t => t.ReferencedLogicalId == table.ReferencedLogicalId))
                        {
                            continue;
                        }

                        foreach (var found in Targets(route))
                        {
                            if (guard.And(found.Guard) is { } combined)
                            {
                                yield return found with
                                {
                                    Description = $"whose route table {table.ReferencedLogicalId} sends {Destination(route)} to {found.Description} (route {route.LogicalId})",
                                    Guard = combined,
                                };
                            }
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<InternetRoute> Targets(ResourceContext route)
    {
        foreach (var gateway in route.Get("GatewayId"))
        {
            if (gateway.Kind == ValueKind.ResourceReference && route.Follow(gateway)?.Type == InternetGatewayType)
            {
                yield return new InternetRoute($"internet gateway {gateway.ReferencedLogicalId}", gateway.Guard, true);
            }
            else if (gateway.AsString()?.StartsWith("igw-", StringComparison.Ordinal) == true)
            {
                yield return new InternetRoute($"internet gateway {gateway.Text}", gateway.Guard, true);
            }
            else if (gateway.IsUnknown)
            {
                yield return new InternetRoute($"a gateway that cannot be resolved ({gateway.Describe()})", gateway.Guard, false);
            }
        }

        foreach (var nat in route.Get("NatGatewayId").Where(n => !n.IsAbsent && n.Kind != ValueKind.Null))
        {
            yield return new InternetRoute($"NAT gateway {Name(nat)}", nat.Guard, true);
        }

        foreach (var egressOnly in route.Get("EgressOnlyInternetGatewayId").Where(n => !n.IsAbsent && n.Kind != ValueKind.Null))
        {
            yield return new InternetRoute($"egress-only internet gateway {Name(egressOnly)}", egressOnly.Guard, true);
        }
    }

    private static string Destination(ResourceContext route) =>
        route.Get("DestinationCidrBlock").Concat(route.Get("DestinationIpv6CidrBlock")).FirstOrDefault(d => !d.IsAbsent)?.Describe() ?? "traffic";

    private static string Name(Resolved target) => target.ReferencedLogicalId ?? target.Describe();

    private sealed class Index
    {
        private readonly Dictionary<string, List<ResourceContext>> _associationsBySubnet = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ResourceContext>> _routesByTable = new(StringComparer.Ordinal);

        public static Index Build(TemplateContext template)
        {
            var index = new Index();
            foreach (var association in template.OfType(AssociationType))
            {
                foreach (var subnet in association.Get("SubnetId").Select(s => s.ReferencedLogicalId).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    Add(index._associationsBySubnet, subnet, association);
                }
            }

            foreach (var route in template.OfType(RouteType))
            {
                foreach (var table in route.Get("RouteTableId").Select(t => t.ReferencedLogicalId).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    Add(index._routesByTable, table, route);
                }
            }

            return index;
        }

        public IReadOnlyList<ResourceContext> AssociationsOf(string subnetId) => _associationsBySubnet.GetValueOrDefault(subnetId) ?? [];

        public IReadOnlyList<ResourceContext> RoutesOf(string tableId) => _routesByTable.GetValueOrDefault(tableId) ?? [];

        private static void Add(Dictionary<string, List<ResourceContext>> map, string key, ResourceContext resource)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(resource);
        }
    }
}
