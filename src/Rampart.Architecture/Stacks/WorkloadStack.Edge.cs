using Amazon.CDK;
using Rampart.Architecture.Edge;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    /// <summary>The internet-facing origin behind CloudFront (phase 2 and later, with a domain), null otherwise.</summary>
    public OriginLoadBalancer? Origin { get; private set; }

    /// <summary>
    /// The value CloudFront sends in <see cref="OriginLoadBalancer.OriginVerifyHeader"/>: the random part of
    /// this stack's ID. It is known inside the account only, fixed for the stack's life, and never
    /// written into a template as a literal.
    /// </summary>
    public static string OriginVerifyValue => Fn.Select(2, Fn.Split("/", Aws.STACK_ID));

    private void BuildEdge()
    {
        // The edge comes with what it fronts: nothing is published before the containers run (phase 2).
        if (Application is null)
        {
            return;
        }

        if (Certificate is null)
        {
            // Without a domain there is no certificate: the load balancer could not serve HTTPS (NET-14)
            // and CloudFront's default certificate still accepts TLS 1.0 (NET-15). Outside production
            // the application then runs unpublished; production must be published properly.
            if (Target.IsProduction)
            {
                throw new ArgumentException(
                    $"domainName: not set, but environment '{Target.Name}' publishes the application (phase {Configuration.Phase}), which needs a domain: "
                    + "without one the load balancer has no certificate for HTTPS (NET-14) and CloudFront accepts TLS 1.0 (NET-15); "
                    + "accepted: a domain name such as app.example.com (certificate.source dns-validated, or imported with certificateArn)");
            }

            return;
        }

        Origin = new OriginLoadBalancer(this, "Origin", new OriginLoadBalancerProps
        {
            Vpc = Network.Vpc,
            Subnets = Network.PublicSubnets,
            SecurityGroups = Network.WebSecurityGroups,
            Certificate = Certificate,
            AccessLogsBucket = AccessLogsBucket,
            Target = Application.Service,
            TargetPort = Configuration.ApplicationPort,
            OriginVerifyValue = OriginVerifyValue,
            LoadBalancerName = $"{Configuration.Application}-{Target.Name}",
        });

        // What the edge stack in us-east-1 reads at deployment (EdgeOrigin): where the origin is, and the
        // header value it must send.
        Parameters?.Add(EdgeOrigin.Component, EdgeOrigin.DomainParameter, Origin.LoadBalancer.LoadBalancerDnsName, "DNS name of the load balancer CloudFront forwards to");
        Parameters?.Add(EdgeOrigin.Component, EdgeOrigin.VerifyParameter, OriginVerifyValue, $"Value of the {OriginLoadBalancer.OriginVerifyHeader} header CloudFront sends; not a credential");
    }
}
