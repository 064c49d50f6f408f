using Amazon.CDK.AWS.EC2;
using AclAction = Amazon.CDK.AWS.EC2.Action;

namespace Rampart.Architecture.Network;

public sealed partial class ThreeTierNetwork
{
    /// <summary>
    /// NET-10: one network ACL per tier with the seed's numbered rules (<see cref="NetworkAclRules"/>),
    /// and the VPC's default ACL, which no subnet uses, denying everything.
    /// </summary>
    private (INetworkAcl Public, INetworkAcl Application, INetworkAcl Database) BuildNetworkAcls()
    {
        var publicAcl = NewAcl("PublicAcl", PublicSubnets, NetworkAclRules.Public(_props.VpcCidr, _props.ApplicationPort));
        var applicationAcl = NewAcl("ApplicationAcl", ApplicationSubnets, NetworkAclRules.Application(_props.VpcCidr, _props.ApplicationPort, _props.DatabasePort));
        var databaseAcl = NewAcl("DatabaseAcl", DatabaseSubnets, NetworkAclRules.Database(_props.VpcCidr, _props.DatabasePort));

        // The default ACL allows all traffic both ways and takes every subnet added later without
        // an ACL of its own. A deny-all entry ahead of its allow-all (rule 100) closes it.
        foreach (var egress in new[] { false, true })
        {
            _ = new CfnNetworkAclEntry(this, egress ? "DefaultAclDenyAllEgress" : "DefaultAclDenyAllIngress", new CfnNetworkAclEntryProps
            {
                NetworkAclId = _vpc.VpcDefaultNetworkAcl,
                RuleNumber = 1,
                Protocol = -1,
                RuleAction = "deny",
                Egress = egress,
                CidrBlock = NetworkAclRules.AnyIpv4,
            });
        }

        return (publicAcl, applicationAcl, databaseAcl);
    }

    private NetworkAcl NewAcl(string id, SubnetSelection subnets, IReadOnlyList<NetworkAclRule> rules)
    {
        var acl = new NetworkAcl(this, id, new NetworkAclProps { Vpc = _vpc, SubnetSelection = subnets });
        foreach (var rule in rules)
        {
            AddEntry(acl, rule);
        }

        return acl;
    }

    private static void AddEntry(NetworkAcl acl, NetworkAclRule rule) =>
        acl.AddEntry($"{(rule.Egress ? "Egress" : "Ingress")}{rule.Number}", new CommonNetworkAclEntryOptions
        {
            RuleNumber = rule.Number,
            Direction = rule.Egress ? TrafficDirection.EGRESS : TrafficDirection.INGRESS,
            RuleAction = AclAction.ALLOW,
            Cidr = rule.Cidr == NetworkAclRules.AnyIpv4 ? AclCidr.AnyIpv4() : AclCidr.Ipv4(rule.Cidr),
            Traffic = rule.FromPort == rule.ToPort ? AclTraffic.TcpPort(rule.FromPort) : AclTraffic.TcpPortRange(rule.FromPort, rule.ToPort),
        });
}
