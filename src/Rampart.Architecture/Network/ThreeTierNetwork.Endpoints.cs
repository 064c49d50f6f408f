using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Rampart.Architecture.Network;

public sealed partial class ThreeTierNetwork
{
    /// <summary>
    /// NET-11: the interface endpoints the seed names (Secrets Manager, SSM Parameter Store, ECR,
    /// CloudWatch Logs and metrics) plus X-Ray, which the task role writes traces to (IAM-04).
    /// Not added: ssmmessages (ECS Exec only: add it if a service turns ECS Exec on), KMS (Secrets
    /// Manager, SSM, S3 and CloudWatch Logs decrypt on the caller's behalf), STS (task credentials
    /// come from the ECS agent, not from STS).
    /// </summary>
    public static IReadOnlyDictionary<string, InterfaceVpcEndpointAwsService> InterfaceEndpointServices { get; } =
        new Dictionary<string, InterfaceVpcEndpointAwsService>
        {
            ["SecretsManager"] = InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
            ["Ssm"] = InterfaceVpcEndpointAwsService.SSM,
            ["EcrApi"] = InterfaceVpcEndpointAwsService.ECR,
            ["EcrDocker"] = InterfaceVpcEndpointAwsService.ECR_DOCKER,
            ["CloudWatchLogs"] = InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
            ["CloudWatchMonitoring"] = InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
            ["XRay"] = InterfaceVpcEndpointAwsService.XRAY,
        };

    /// <summary>
    /// Interface endpoints in the application subnets, private DNS on, behind a group that admits
    /// HTTPS from the VPC only and lets nothing out (endpoints answer, they never call). S3 is a
    /// gateway endpoint on the application route tables: ECR keeps image layers in S3. The database
    /// tier gets none: RDS reaches S3 (backups, snapshots) on AWS's side, and a route would only
    /// give the isolated tier a path out.
    /// </summary>
    private ISecurityGroup BuildEndpoints()
    {
        var scope = new Construct(this, "Endpoints");
        var group = new SecurityGroup(scope, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = _vpc,
            Description = "Interface VPC endpoints: HTTPS from the VPC only",
            AllowAllOutbound = false,
        });
        group.AddIngressRule(Peer.Ipv4(_props.VpcCidr), Port.Tcp(443), "HTTPS from the VPC");

        foreach (var (id, service) in InterfaceEndpointServices)
        {
            _ = new InterfaceVpcEndpoint(scope, id, new InterfaceVpcEndpointProps
            {
                Vpc = _vpc,
                Service = service,
                Subnets = ApplicationSubnets,
                PrivateDnsEnabled = true,
                SecurityGroups = [group],
                // The group above is the whole rule set: do not let the CDK open it to the VPC again.
                Open = false,
            });
        }

        _ = new GatewayVpcEndpoint(scope, "S3", new GatewayVpcEndpointProps
        {
            Vpc = _vpc,
            Service = GatewayVpcEndpointAwsService.S3,
            Subnets = [ApplicationSubnets],
        });

        return group;
    }
}
