using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Tests.Network;

/// <summary>A security group rule reduced to what the controls read: "tcp 443-443 pl:Logical".</summary>
public sealed record SecurityGroupRule(string Protocol, int FromPort, int ToPort, string Peer)
{
    public override string ToString() => $"{Protocol} {FromPort}-{ToPort} {Peer}";
}

/// <summary>A network ACL entry reduced to what NET-10 reads.</summary>
public sealed record AclEntry(int Number, bool Egress, string Protocol, int FromPort, int ToPort, string Cidr, string Action)
{
    public override string ToString() => $"{(Egress ? "out" : "in")} {Number} {Action} {Protocol} {FromPort}-{ToPort} {Cidr}";
}

/// <summary>
/// Reads the network of one synthesized workload template: resources found by construct path,
/// rules and entries normalized, references reduced to the logical IDs they point to.
/// </summary>
public sealed partial class NetworkTemplate(SynthesizedArchitecture architecture)
{
    public const string PlaceholderEgress = "icmp 252-86 cidr:255.255.255.255/32";

    public RampartConfiguration Configuration { get; } = architecture.Configuration;

    public EnvironmentConfiguration Environment { get; } = architecture.Configuration.Environments[0];

    public TemplateView View { get; } = architecture.Workload(architecture.Configuration.Environments[0].Name);

    public string VpcCidr => Environment.VpcCidr;

    public string Account => Environment.Account;

    public string Region => Environment.Region;

    /// <summary>
    /// The logical ID of the one resource of <paramref name="type"/> whose construct path, joined,
    /// is <paramref name="path"/> (the CDK appends an 8-digit hash).
    /// </summary>
    public string LogicalId(string type, string path)
    {
        var pattern = new Regex($"^{Regex.Escape(path)}[0-9A-F]{{8}}$");
        var matches = View.OfType(type).Where(r => pattern.IsMatch(r.LogicalId)).Select(r => r.LogicalId).ToList();
        Assert.True(matches.Count == 1, $"expected one {type} at {path}, found {matches.Count}: {string.Join(", ", matches)}");
        return matches[0];
    }

    public JsonObject Properties(string logicalId) => View.Resource(logicalId)["Properties"]?.AsObject() ?? [];

    public string VpcId => LogicalId("AWS::EC2::VPC", "NetworkVpc");

    public string SecurityGroupId(string constructId) => LogicalId("AWS::EC2::SecurityGroup", $"Network{constructId}");

    /// <summary>The logical ID a <c>Ref</c> names, or null.</summary>
    public static string? Ref(JsonNode? node) => node is JsonObject o && o["Ref"] is JsonValue v ? v.GetValue<string>() : null;

    /// <summary>"LogicalId.Attribute" for a <c>Fn::GetAtt</c>, or null.</summary>
    public static string? GetAtt(JsonNode? node) =>
        node is JsonObject o && o["Fn::GetAtt"] is JsonArray a ? $"{a[0]!.GetValue<string>()}.{a[1]!.GetValue<string>()}" : null;

    public static int Int(JsonNode? node) => node!.GetValueKind() == JsonValueKind.Number
        ? node.GetValue<int>()
        : int.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>Every ingress or egress rule of a group: inline in the group and as separate resources.</summary>
    public IReadOnlyList<SecurityGroupRule> Rules(string groupLogicalId, bool egress)
    {
        var rules = new List<SecurityGroupRule>();
        if (Properties(groupLogicalId)[egress ? "SecurityGroupEgress" : "SecurityGroupIngress"] is JsonArray inline)
        {
            rules.AddRange(inline.Select(r => Rule(r!.AsObject(), egress)));
        }

        foreach (var (_, resource) in View.OfType(egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress"))
        {
            var properties = resource["Properties"]!.AsObject();
            var group = GetAtt(properties["GroupId"]) ?? Ref(properties["GroupId"]);
            if (group == $"{groupLogicalId}.GroupId" || group == groupLogicalId)
            {
                rules.Add(Rule(properties, egress));
            }
        }

        return rules;
    }

    /// <summary>Every ingress rule of every security group of the template, with its group.</summary>
    public IEnumerable<(string Group, SecurityGroupRule Rule, JsonObject Source)> AllIngress()
    {
        foreach (var (id, resource) in View.OfType("AWS::EC2::SecurityGroup"))
        {
            if (resource["Properties"]?["SecurityGroupIngress"] is JsonArray inline)
            {
                foreach (var rule in inline)
                {
                    yield return (id, Rule(rule!.AsObject(), egress: false), rule.AsObject());
                }
            }
        }

        foreach (var (_, resource) in View.OfType("AWS::EC2::SecurityGroupIngress"))
        {
            var properties = resource["Properties"]!.AsObject();
            yield return (GetAtt(properties["GroupId"]) ?? Ref(properties["GroupId"]) ?? properties["GroupId"]!.ToJsonString(), Rule(properties, egress: false), properties);
        }
    }

    public static IReadOnlyList<string> Sorted(IEnumerable<object> items) => items.Select(i => i.ToString()!).Order(StringComparer.Ordinal).ToList();

    private static SecurityGroupRule Rule(JsonObject rule, bool egress)
    {
        var protocol = (rule["IpProtocol"]!.GetValueKind() == JsonValueKind.Number ? Int(rule["IpProtocol"]).ToString(CultureInfo.InvariantCulture) : rule["IpProtocol"]!.GetValue<string>()) switch
        {
            "6" => "tcp",
            "17" => "udp",
            "1" => "icmp",
            "-1" => "all",
            var name => name,
        };
        var from = rule["FromPort"] is null ? -1 : Int(rule["FromPort"]);
        var to = rule["ToPort"] is null ? -1 : Int(rule["ToPort"]);
        return new SecurityGroupRule(protocol, from, to, Peer(rule, egress));
    }

    private static string Peer(JsonObject rule, bool egress)
    {
        if (rule["CidrIp"] is { } cidr)
        {
            return $"cidr:{cidr.GetValue<string>()}";
        }

        if (rule["CidrIpv6"] is { } cidr6)
        {
            return $"cidr6:{cidr6.GetValue<string>()}";
        }

        var group = rule[egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId"];
        if (group is not null)
        {
            return $"sg:{Reference(group)}";
        }

        var prefixList = rule[egress ? "DestinationPrefixListId" : "SourcePrefixListId"];
        return prefixList is not null ? $"pl:{Reference(prefixList)}" : $"unknown:{rule.ToJsonString()}";
    }

    private static string Reference(JsonNode node) =>
        GetAtt(node) ?? Ref(node) ?? (node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());

    /// <summary>The subnets of a tier (the CDK tags each subnet with its group name).</summary>
    public IReadOnlyList<(string LogicalId, JsonObject Properties)> Subnets(string tier) =>
        View.OfType("AWS::EC2::Subnet")
            .Where(s => Tag(s.Resource, "aws-cdk:subnet-name") == tier)
            .Select(s => (s.LogicalId, s.Resource["Properties"]!.AsObject()))
            .ToList();

    public static string? Tag(JsonObject resource, string key) =>
        (resource["Properties"]?["Tags"] as JsonArray)?
            .Select(t => t!.AsObject())
            .Where(t => t["Key"]!.GetValue<string>() == key)
            .Select(t => t["Value"]!.GetValue<string>())
            .SingleOrDefault();

    /// <summary>The route tables associated with a tier's subnets.</summary>
    public IReadOnlyList<string> RouteTables(string tier)
    {
        var subnets = Subnets(tier).Select(s => s.LogicalId).ToHashSet();
        return View.PropertiesOf("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => subnets.Contains(Ref(a["SubnetId"])!))
            .Select(a => Ref(a["RouteTableId"])!)
            .ToList();
    }

    /// <summary>The routes of a route table.</summary>
    public IReadOnlyList<JsonObject> Routes(string routeTable) =>
        View.PropertiesOf("AWS::EC2::Route").Where(r => Ref(r["RouteTableId"]) == routeTable).ToList();

    /// <summary>The entries of a network ACL.</summary>
    public IReadOnlyList<AclEntry> AclEntries(string aclReference) =>
        View.PropertiesOf("AWS::EC2::NetworkAclEntry")
            .Where(e => (Ref(e["NetworkAclId"]) ?? GetAtt(e["NetworkAclId"])) == aclReference)
            .Select(e => new AclEntry(
                Int(e["RuleNumber"]),
                e["Egress"]?.GetValue<bool>() ?? false,
                Int(e["Protocol"]) switch { 6 => "tcp", 17 => "udp", -1 => "all", var p => p.ToString(CultureInfo.InvariantCulture) },
                e["PortRange"] is JsonObject range ? Int(range["From"]) : -1,
                e["PortRange"] is JsonObject range2 ? Int(range2["To"]) : -1,
                e["CidrBlock"]?.GetValue<string>() ?? $"ipv6:{e["Ipv6CidrBlock"]}",
                e["RuleAction"]!.GetValue<string>()))
            .ToList();

    /// <summary>The statements of a policy document, one JSON object each.</summary>
    public static IReadOnlyList<JsonObject> Statements(JsonNode? document) =>
        (document?["Statement"] as JsonArray ?? []).Select(s => s!.AsObject()).ToList();

    /// <summary>A string or a list of strings as a list.</summary>
    public static IReadOnlyList<JsonNode> List(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n!).ToList(),
        _ => [node],
    };

    /// <summary>Every policy statement that applies to a role: its inline policies and the AWS::IAM::Policy resources attached to it.</summary>
    public IReadOnlyList<JsonObject> RoleStatements(string roleLogicalId)
    {
        var statements = new List<JsonObject>();
        foreach (var policy in List(Properties(roleLogicalId)["Policies"]))
        {
            statements.AddRange(Statements(policy["PolicyDocument"]));
        }

        foreach (var policy in View.PropertiesOf("AWS::IAM::Policy"))
        {
            if (List(policy["Roles"]).Any(r => Ref(r) == roleLogicalId))
            {
                statements.AddRange(Statements(policy["PolicyDocument"]));
            }
        }

        return statements;
    }

    /// <summary>Renders an <c>Fn::Join</c> of literals and pseudo parameters as text, e.g. "arn:${AWS::Partition}:logs:...".</summary>
    public static string Text(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            return value.GetValue<string>();
        }

        if (node is JsonObject o && o["Fn::Join"] is JsonArray join)
        {
            return string.Join(join[0]!.GetValue<string>(), join[1]!.AsArray().Select(Text));
        }

        return Ref(node) is { } reference ? $"${{{reference}}}" : GetAtt(node) is { } attribute ? $"${{{attribute}}}" : node?.ToJsonString() ?? "";
    }
}
