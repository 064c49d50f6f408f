using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-11: a VPC that runs compute has the seed's VPC endpoints: interface endpoints for Secrets Manager, SSM,
/// ECR (api and dkr), CloudWatch Logs and CloudWatch monitoring, each with private DNS on and security groups that
/// admit only TCP 443 from the VPC (its CIDR block, <c>!GetAtt Vpc.CidrBlock</c>, or a security group), and an S3
/// gateway endpoint. Service names are matched on their end (<c>com.amazonaws.${AWS::Region}.ssm</c> and CDK's
/// <c>Fn::Join</c> give a known suffix); an endpoint whose service name cannot be resolved at all makes a missing
/// service unprovable. Endpoints are looked for in every template of the deployment (a VPC's endpoints may live in
/// another stack, importing its ID). Not applicable to a deployment without a VPC and compute (ECS services,
/// instances, Auto Scaling groups, Lambda functions in a VPC).
/// </summary>
public sealed class PrivateServiceEndpointsRule : IDeploymentRule
{
    public const string EndpointType = "AWS::EC2::VPCEndpoint";

    private static readonly (string Service, string Label)[] InterfaceServices =
    [
        ("secretsmanager", "Secrets Manager"),
        ("ssm", "SSM Parameter Store"),
        ("ecr.api", "ECR API"),
        ("ecr.dkr", "ECR Docker registry"),
        ("logs", "CloudWatch Logs"),
        ("monitoring", "CloudWatch metrics"),
    ];

    private static readonly string[] ComputeTypes = ["AWS::ECS::Service", "AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup"];

    public RuleMetadata Metadata { get; } = new(
        "NET-11",
        "VPC endpoints for Secrets Manager, SSM, ECR, CloudWatch (private DNS, 443 from the VPC only) and an S3 gateway endpoint",
        Severity.Medium,
        SeedSection.Network,
        [],
        new Remediation(
            CloudFormation: "Add AWS::EC2::VPCEndpoint resources with VpcEndpointType Interface, PrivateDnsEnabled: true and SecurityGroupIds of a group admitting only tcp 443 from the VPC CIDR for com.amazonaws.<region>.secretsmanager, .ssm, .ecr.api, .ecr.dkr, .logs and .monitoring, and a Gateway endpoint for com.amazonaws.<region>.s3 on the application route tables.",
            Cdk: "vpc.addInterfaceEndpoint(id, { service: InterfaceVpcEndpointAwsService.SECRETS_MANAGER (SSM, ECR, ECR_DOCKER, CLOUDWATCH_LOGS, CLOUDWATCH_MONITORING), privateDnsEnabled: true, open: false, securityGroups: [endpointGroup] }) and vpc.addGatewayEndpoint('S3', { service: GatewayVpcEndpointAwsService.S3 })."))
    {
        SeedText = "Implement VPC endpoints for all AWS services to eliminate internet traffic: Secrets Manager, SSM Parameter Store, ECR, CloudWatch, S3.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        var vpcs = deployment.OfType(Topology.VpcType).Where(Resources.CanExist).ToList();
        var hasCompute = ComputeTypes.Any(t => deployment.OfType(t).Any(Resources.CanExist))
            || deployment.OfType("AWS::Lambda::Function").Any(f => !f.GetOne("VpcConfig").IsAbsent);
        if (vpcs.Count == 0 || !hasCompute)
        {
            return null;
        }

        var endpoints = deployment.OfType(EndpointType).Where(Resources.CanExist).ToList();
        var violations = new List<Violation>();
        foreach (var vpc in vpcs)
        {
            var mine = endpoints.Where(e => e.Get("VpcId").Any(id => id.IsUnknown || (e.Template == vpc.Template && Resources.RefersTo(id, vpc.LogicalId)))).ToList();
            var unnamed = mine.Any(e => e.Get("ServiceName").Any(EndsUnknown));
            foreach (var (service, label) in InterfaceServices)
            {
                var candidates = mine.SelectMany(e => e.Get("ServiceName").Where(n => Matches(n, service)).Select(n => n.Guard)).ToList();
                foreach (var guard in Scenarios.WhenMissing(vpc.Guard, candidates))
                {
                    violations.Add(vpc.Fail($"has no interface endpoint for {label} (com.amazonaws.<region>.{service}): its traffic leaves the VPC through NAT", service) with { Guard = guard, Proven = !unnamed });
                }
            }

            var gateways = mine.SelectMany(e => e.Get("ServiceName").Where(n => Matches(n, "s3"))
                .SelectMany(n => e.Get("VpcEndpointType").Where(t => t.IsAbsent || t.IsUnknown || t.AsString() == "Gateway").Select(t => t.Guard.And(n.Guard))).OfType<Guard>()).ToList();
            foreach (var guard in Scenarios.WhenMissing(vpc.Guard, gateways))
            {
                violations.Add(vpc.Fail("has no S3 gateway endpoint (com.amazonaws.<region>.s3): image layers and assets are fetched from S3 through NAT", "s3") with { Guard = guard, Proven = !unnamed });
            }
        }

        // A group shared by several endpoints is judged once.
        var groups = new HashSet<ResourceContext>();
        foreach (var endpoint in endpoints.Where(e => e.Get("ServiceName").Any(n => InterfaceServices.Any(s => Matches(n, s.Service)))))
        {
            violations.AddRange(CheckInterface(endpoint, groups));
        }

        return violations;
    }

    /// <summary>A service name whose end cannot be resolved (<c>!Ref Service</c>): it may be any service.</summary>
    private static bool EndsUnknown(Resolved serviceName) =>
        serviceName.IsUnknown && (serviceName.PartialText is null || serviceName.PartialText.EndsWith('}'));

    private static bool Matches(Resolved serviceName, string service) =>
        Resources.TextOrPartial(serviceName)?.EndsWith("." + service, StringComparison.Ordinal) == true;

    private static IEnumerable<Violation> CheckInterface(ResourceContext endpoint, HashSet<ResourceContext> judged)
    {
        foreach (var dns in endpoint.Get("PrivateDnsEnabled"))
        {
            if (dns.IsUnknown)
            {
                yield return endpoint.Fail(dns, "turns private DNS on or off by a value that cannot be resolved", "private-dns");
            }
            else if (dns.AsBoolean() != true)
            {
                yield return endpoint.Fail(dns, $"does not turn private DNS on (PrivateDnsEnabled is {(dns.IsAbsent ? "not set, so false" : dns.Describe())}): the service's public name still resolves to its public address", "private-dns");
            }
        }

        var groups = endpoint.Get("SecurityGroupIds[*]").ToList();
        if (groups.Count == 0)
        {
            yield return endpoint.Fail(endpoint.GetOne("SecurityGroupIds"), "has no security group: it gets the VPC's default group instead of one admitting 443 from the VPC only", "security-group");
            yield break;
        }

        var vpcCidr = endpoint.Get("VpcId").Select(v => Resources.Referenced(endpoint, v, Topology.VpcType)).FirstOrDefault(v => v is not null)?.GetOne("CidrBlock");
        var tiers = SecurityGroupTiers.Of(endpoint.Template);
        foreach (var value in groups)
        {
            if (Resources.Referenced(endpoint, value, SecurityGroups.GroupType) is not { } group)
            {
                yield return endpoint.Unprovable(value, $"uses security group {Resources.Name(value)}, which this template does not define: cannot check it admits only 443 from the VPC", "security-group");
                continue;
            }

            if (!judged.Add(group))
            {
                continue;
            }

            foreach (var rule in tiers.Rules(group.LogicalId, Direction.Ingress))
            {
                if (Judge(rule, vpcCidr) is { } verdict)
                {
                    yield return rule.Owner.Fail(verdict.At, verdict.Reason, rule.Key) with { Guard = rule.Guard, Proven = verdict.Proven };
                }
            }
        }
    }

    private static Verdict? Judge(GroupRule rule, Resolved? vpcCidr)
    {
        var what = $"admits {rule.DescribeTraffic()} from {rule.DescribePeer()} into endpoint group {rule.GroupId}";
        if (!(rule.IsTcp && rule.IsSinglePort && rule.FromPort == 443))
        {
            return TierPatterns.WrongPort(rule, $"{what}; endpoints are reached on TCP 443 only");
        }

        switch (rule.PeerKind)
        {
            case PeerKind.Group or PeerKind.OutsideGroup:
                return null;
            case PeerKind.Cidr when rule.Peer.Kind == ValueKind.ResourceReference:
                return rule.Peer.ReferencedAttribute == "CidrBlock" ? null : new Verdict(rule.Peer, $"{what}, which cannot be told to be the VPC", false);
            case PeerKind.Cidr:
                return Cidrs.Within(rule.PeerText, vpcCidr?.AsString()) switch
                {
                    true => null,
                    false => new Verdict(rule.Peer, $"{what}; endpoints admit 443 from the VPC only", true),
                    null => Cidrs.IsAnywhere(rule.PeerText)
                        ? new Verdict(rule.Peer, $"{what}; endpoints admit 443 from the VPC only", true)
                        : new Verdict(rule.Peer, $"{what}, which cannot be compared with the VPC's CIDR block", false),
                };
            default:
                return new Verdict(rule.Peer, $"{what}, which cannot be told to be inside the VPC", false);
        }
    }
}
