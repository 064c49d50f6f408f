using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;

namespace Rampart.Architecture.Network;

public sealed partial class ThreeTierNetwork
{
    /// <summary>CloudFront's origin-facing managed prefix list (IPv4); its ID differs per region.</summary>
    public const string CloudFrontPrefixListName = "com.amazonaws.global.cloudfront.origin-facing";

    /// <summary>The type of the custom resource that resolves <see cref="CloudFrontPrefixListName"/> to its ID.</summary>
    public const string CloudFrontPrefixListResourceType = "Custom::CloudFrontPrefixList";

    /// <summary>The attribute of <see cref="CloudFrontPrefixListResourceType"/> that holds the prefix list's ID.</summary>
    public const string PrefixListIdAttribute = "PrefixListId";

    /// <summary>
    /// The lookup's handler: one EC2 call, answered to CloudFormation through <c>cfnresponse</c> (which
    /// Lambda provides to inline Python code). A name that matches no list, or several, fails the
    /// deployment rather than opening the web tier to the wrong addresses.
    /// </summary>
    private const string PrefixListLookupCode = """
        import boto3
        import cfnresponse


        def handler(event, context):
            physical_id = event.get("PhysicalResourceId", "none")
            try:
                if event["RequestType"] == "Delete":
                    cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, physical_id)
                    return
                name = event["ResourceProperties"]["PrefixListName"]
                found = boto3.client("ec2").describe_managed_prefix_lists(
                    Filters=[{"Name": "prefix-list-name", "Values": [name]}])["PrefixLists"]
                if len(found) != 1:
                    raise ValueError(f"{len(found)} managed prefix lists are named {name}; expected one")
                prefix_list_id = found[0]["PrefixListId"]
                cfnresponse.send(event, context, cfnresponse.SUCCESS, {"PrefixListId": prefix_list_id}, prefix_list_id)
            except Exception as error:
                cfnresponse.send(event, context, cfnresponse.FAILED, {}, physical_id, reason=str(error))
        """;

    /// <summary>
    /// Resolves the CloudFront prefix list at deployment time (an SDK call in the target account and
    /// region), never at synthesis: synthesis needs no credentials and the template fits every region.
    /// </summary>
    /// <remarks>
    /// A function of its own rather than the CDK's <c>AwsCustomResource</c>: that one runs every call of
    /// the stack in one shared function whose role gathers every caller's permissions (IAM-02), and the
    /// data section's EBS default encryption already uses it.
    /// </remarks>
    private string ResolveCloudFrontPrefixList()
    {
        CustomResourceRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DescribeManagedPrefixLists",
            Actions = ["ec2:DescribeManagedPrefixLists"],
            // IAM-02: EC2 Describe* actions take no resource ARN; the region condition is the tightest scope.
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:RequestedRegion"] = Stack.Of(this).Region },
            },
        }));

        var handler = new Function(this, "CloudFrontPrefixListHandler", new FunctionProps
        {
            Description = $"Resolves {CloudFrontPrefixListName} to its ID in this region",
            Runtime = Runtime.PYTHON_3_12,
            Handler = "index.handler",
            Code = Code.FromInline(PrefixListLookupCode),
            Role = CustomResourceRole,
            LogGroup = CustomResourceLogGroup,
            Timeout = Duration.Minutes(1),
        });

        var lookup = new CustomResource(this, "CloudFrontPrefixList", new CustomResourceProps
        {
            ServiceToken = handler.FunctionArn,
            ResourceType = CloudFrontPrefixListResourceType,
            Properties = new Dictionary<string, object> { ["PrefixListName"] = CloudFrontPrefixListName },
        });
        return lookup.GetAttString(PrefixListIdAttribute);
    }

    /// <summary>NET-04, NET-05, NET-06, NET-07, NET-08: the seed's three security group patterns.</summary>
    private (ISecurityGroup Web, ISecurityGroup WebHttp, ISecurityGroup Application, ISecurityGroup Database) BuildSecurityGroups()
    {
        var web = NewGroup("WebTierSecurityGroup", "Web tier: load balancers, HTTPS from CloudFront only");
        var webHttp = NewGroup("WebTierHttpSecurityGroup", "Web tier: load balancers, HTTP from CloudFront only");
        var application = NewGroup("ApplicationTierSecurityGroup", "Application tier: containers, reachable from the web tier only");
        var database = NewGroup("DatabaseTierSecurityGroup", "Database tier: reachable from the application tier only");

        var cloudFront = Peer.PrefixList(CloudFrontPrefixListId);
        var vpc = Peer.Ipv4(_props.VpcCidr);
        var applicationPort = Port.Tcp(_props.ApplicationPort);
        var databasePort = Port.Tcp(_props.DatabasePort);

        // Web tier. The prefix list weighs 55 of a group's 60 inbound rules (default quota), so 80
        // and 443 each get their own group; the load balancer carries both (WebSecurityGroups).
        web.AddIngressRule(cloudFront, Port.Tcp(443), "HTTPS from CloudFront origin-facing servers only");
        webHttp.AddIngressRule(cloudFront, Port.Tcp(80), "HTTP from CloudFront origin-facing servers only");

        // The web tier reaches the application only when a load balancer there fronts it (ApplicationPublished).
        if (_props.ApplicationPublished)
        {
            web.AddEgressRule(application, applicationPort, "To the application tier on the application port");
        }

        web.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS to the internet for health checks and AWS APIs (seed)");

        // Application tier.
        if (_props.ApplicationPublished)
        {
            application.AddIngressRule(web, applicationPort, "From the web tier only");
        }

        application.AddEgressRule(database, databasePort, "To the database tier on the database port");
        application.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS to AWS APIs (VPC endpoints) and external services");
        application.AddEgressRule(vpc, Port.Tcp(53), "DNS over TCP to the VPC resolver");
        application.AddEgressRule(vpc, Port.Udp(53), "DNS over UDP to the VPC resolver");

        // Database tier: no egress rule. Security groups are stateful, so replies to the
        // application tier need none (the seed's "ephemeral ports back" rule); the CDK keeps its
        // placeholder "disallow all" rule so that AWS does not add its default allow-all.
        database.AddIngressRule(application, databasePort, "From the application tier only");

        return (web, webHttp, application, database);
    }

    private SecurityGroup NewGroup(string id, string description) => new(this, id, new SecurityGroupProps
    {
        Vpc = _vpc,
        Description = description,
        AllowAllOutbound = false,
    });
}
