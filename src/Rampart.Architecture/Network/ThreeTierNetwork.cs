using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Rampart.Architecture.Configuration;

namespace Rampart.Architecture.Network;

/// <summary>
/// The seed's three-tier network (seed: Network Security Patterns; controls NET-01 to NET-12):
/// public subnets for load balancers only, private application subnets with no inbound route from
/// the internet, isolated database subnets with no route out; one security group and one network
/// ACL per tier; VPC endpoints for the AWS services the containers call; flow logs of all traffic.
/// </summary>
/// <remarks>
/// Construct IDs are part of the contract: a changed ID changes a logical ID, and CloudFormation
/// replaces the resource. Every rule that departs from the seed says why next to it and in
/// <c>docs/network.md</c>.
/// </remarks>
public sealed partial class ThreeTierNetwork : Construct
{
    public const string PublicTierName = "Public";
    public const string ApplicationTierName = "Application";
    public const string DatabaseTierName = "Database";

    private readonly Vpc _vpc;
    private readonly ThreeTierNetworkProps _props;

    public ThreeTierNetwork(Construct scope, string id, ThreeTierNetworkProps props)
        : base(scope, id)
    {
        props.Validate();
        _props = props;

        _vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(props.VpcCidr),
            AvailabilityZones = props.AvailabilityZones.ToArray(),
            // One NAT gateway per zone: a zone's outage does not cut the others off.
            NatGateways = props.AvailabilityZones.Count,
            // NET-09: the CDK's custom resource revokes every rule of the VPC's default security group.
            RestrictDefaultSecurityGroup = true,
            SubnetConfiguration =
            [
                // NET-02: no public IP on launch, even in the public tier: load balancers and NAT
                // gateways get their addresses from AWS, nothing else may live here.
                // Sizes per zone come from VpcSizing, which configuration validation plans with too.
                new SubnetConfiguration { Name = PublicTierName, SubnetType = SubnetType.PUBLIC, CidrMask = VpcSizing.PublicSubnetPrefix, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = ApplicationTierName, SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = VpcSizing.ApplicationSubnetPrefix },
                new SubnetConfiguration { Name = DatabaseTierName, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = VpcSizing.DatabaseSubnetPrefix },
            ],
        });

        (LogEncryptionKey, CustomResourceLogGroup) = BuildEncryptedLogging();
        CustomResourceRole = BuildCustomResourceRole();
        HardenDefaultSecurityGroupRestriction();

        CloudFrontPrefixListId = ResolveCloudFrontPrefixList();
        (WebSecurityGroup, WebHttpSecurityGroup, ApplicationSecurityGroup, DatabaseSecurityGroup) = BuildSecurityGroups();
        (PublicAcl, ApplicationAcl, DatabaseAcl) = BuildNetworkAcls();
        EndpointSecurityGroup = BuildEndpoints();
        FlowLogGroup = BuildFlowLogs();
    }

    /// <summary>The VPC with the three tiers.</summary>
    public IVpc Vpc => _vpc;

    /// <summary>
    /// The web tier's main group, for the internet-facing load balancer: HTTPS from CloudFront's
    /// origin-facing servers only; egress to the application tier and HTTPS.
    /// </summary>
    public ISecurityGroup WebSecurityGroup { get; }

    /// <summary>
    /// The web tier's second group, for the same load balancer: HTTP from CloudFront's origin-facing
    /// servers only, nothing out. It is separate because the CloudFront prefix list weighs 55 rules
    /// and a group holds 60 by default, so one group cannot reference it twice.
    /// </summary>
    public ISecurityGroup WebHttpSecurityGroup { get; }

    /// <summary>Both web tier groups: attach all of them to the internet-facing load balancer.</summary>
    public IReadOnlyList<ISecurityGroup> WebSecurityGroups => [WebSecurityGroup, WebHttpSecurityGroup];

    /// <summary>The application tier's group, for the containers.</summary>
    public ISecurityGroup ApplicationSecurityGroup { get; }

    /// <summary>The database tier's group, for the database instances.</summary>
    public ISecurityGroup DatabaseSecurityGroup { get; }

    /// <summary>The interface endpoints' group: HTTPS from the VPC only.</summary>
    public ISecurityGroup EndpointSecurityGroup { get; }

    /// <summary>
    /// The ID of CloudFront's origin-facing managed prefix list in this region, resolved at
    /// deployment (a token at synthesis: the ID differs per region and is never looked up here).
    /// </summary>
    public string CloudFrontPrefixListId { get; }

    /// <summary>The network ACL of each tier (NET-10).</summary>
    public INetworkAcl PublicAcl { get; }

    /// <inheritdoc cref="PublicAcl"/>
    public INetworkAcl ApplicationAcl { get; }

    /// <inheritdoc cref="PublicAcl"/>
    public INetworkAcl DatabaseAcl { get; }

    /// <summary>
    /// The key of the network's log groups: the given <see cref="ThreeTierNetworkProps.LogEncryptionKey"/>
    /// (the stack's logs key), or the logs key of service keys the network made for itself.
    /// </summary>
    public IKey LogEncryptionKey { get; }

    /// <summary>The log group that receives the VPC flow logs (NET-12).</summary>
    public ILogGroup FlowLogGroup { get; }

    /// <summary>The log group of the network's custom resource handlers.</summary>
    public ILogGroup CustomResourceLogGroup { get; }

    /// <summary>The execution role of the function that resolves the CloudFront prefix list.</summary>
    public IRole CustomResourceRole { get; }

    public SubnetSelection PublicSubnets => new() { SubnetGroupName = PublicTierName };

    public SubnetSelection ApplicationSubnets => new() { SubnetGroupName = ApplicationTierName };

    public SubnetSelection DatabaseSubnets => new() { SubnetGroupName = DatabaseTierName };
}
