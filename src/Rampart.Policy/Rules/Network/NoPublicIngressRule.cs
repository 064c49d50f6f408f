namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-07: no security group admits traffic from 0.0.0.0/0 or ::/0, except 80/443 on an internet-facing
/// load balancer's group; never SSH (22) or RDP (3389) from anywhere public.
/// </summary>
public sealed class NoPublicIngressRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "NET-07",
        "Security groups admit no traffic from the whole internet",
        Severity.High,
        SeedSection.Network,
        [FrameworkReference.Fsbp("EC2.18"), FrameworkReference.Fsbp("EC2.19"), FrameworkReference.Fsbp("EC2.53"), FrameworkReference.Fsbp("EC2.54"), FrameworkReference.Cis("5.2"), FrameworkReference.Cis("5.3"), FrameworkReference.Config("restricted-ssh")],
        new Remediation(
            CloudFormation: "Replace CidrIp 0.0.0.0/0 / CidrIpv6 ::/0 with the security group of the caller (SourceSecurityGroupId) or CloudFront's origin-facing managed prefix list (SourcePrefixListId); never open 22 or 3389.",
            Cdk: "Use securityGroup.addIngressRule(Peer.securityGroupId(...) or Peer.prefixList(...), Port.tcp(n)) instead of Peer.anyIpv4()/Peer.anyIpv6(); reach instances through SSM Session Manager instead of SSH/RDP."))
    {
        SeedText = "Web Tier Security Group Pattern: HTTP (port 80) and HTTPS (port 443) from CloudFront IP ranges only; Deny all other inbound traffic.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [SecurityGroups.GroupType, SecurityGroups.IngressType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var rule in SecurityGroups.IngressRules(resource))
        {
            foreach (var source in SecurityGroups.PublicSources(resource, rule))
            {
                var ports = SecurityGroups.Ports(resource, rule);
                if (ports is null)
                {
                    yield return resource.Unprovable(source, $"admits {source.Describe()} on ports that cannot be resolved");
                    continue;
                }

                var (from, to) = ports.Value;
                var label = SecurityGroups.DescribePorts(from, to);
                if (SecurityGroups.Covers(from, to, 22) || SecurityGroups.Covers(from, to, 3389))
                {
                    yield return resource.Fail(source, $"admits {label} from {source.Describe()}: SSH/RDP must never be open to the internet", label);
                }
                else if (!(SecurityGroups.IsWebPort(from, to) && SecurityGroups.BelongsToPublicLoadBalancer(resource)))
                {
                    yield return resource.Fail(source, $"admits {label} from {source.Describe()}; only 80/443 on an internet-facing load balancer's group may be public", label);
                }
            }
        }
    }
}
