using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace Rampart.Architecture.Edge;

/// <summary>Where a web ACL is used.</summary>
public enum WebAclScope
{
    /// <summary>On a CloudFront distribution: the web ACL must be created in us-east-1.</summary>
    CloudFront,

    /// <summary>On a regional resource (an Application Load Balancer) of the stack's region.</summary>
    Regional,
}

/// <summary>Inputs of <see cref="EdgeWebAcl"/>.</summary>
public sealed partial class EdgeWebAclProps
{
    /// <summary>The web ACL's name (1-128 letters, digits, '-' and '_'); also the prefix of its metric names.</summary>
    public required string Name { get; init; }

    /// <summary>CloudFront (us-east-1 only) or regional.</summary>
    public required WebAclScope Scope { get; init; }

    /// <summary>Requests one client may send in five minutes before it is blocked (10 to 2,000,000,000). Default: 2000.</summary>
    public long RateLimit { get; init; } = 2000;

    /// <summary>
    /// The header that carries the client's address, when the web ACL sits behind a proxy (a regional web
    /// ACL behind CloudFront: <c>X-Forwarded-For</c>); null to rate-limit by the connection's source address.
    /// Default: null.
    /// </summary>
    public string? ClientIpHeader { get; init; }

    /// <summary>Fails with one line naming the property, the value and what is accepted.</summary>
    public void Validate()
    {
        if (!NamePattern().IsMatch(Name))
        {
            throw new ArgumentException($"EdgeWebAclProps.Name '{Name}' is not accepted: 1-128 letters, digits, '-' and '_'.");
        }

        if (RateLimit is < 10 or > 2_000_000_000)
        {
            throw new ArgumentException($"EdgeWebAclProps.RateLimit is {RateLimit}: WAF accepts 10 to 2,000,000,000 requests per five minutes.");
        }

        if (ClientIpHeader is not null && !HeaderPattern().IsMatch(ClientIpHeader))
        {
            throw new ArgumentException($"EdgeWebAclProps.ClientIpHeader '{ClientIpHeader}' is not a header name (e.g. X-Forwarded-For).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,255}$")]
    private static partial Regex HeaderPattern();
}

/// <summary>
/// The seed's "AWS WAF Protection" (NET-13): a web ACL that allows by default and blocks what three AWS
/// managed rule groups match (IP reputation, the common rule set, known bad inputs) and any client
/// that exceeds a rate limit. Every rule publishes CloudWatch metrics and keeps sampled requests.
/// </summary>
public sealed class EdgeWebAcl : Construct
{
    /// <summary>The AWS managed rule groups, in evaluation order: cheapest rejection (bad addresses) first.</summary>
    public static readonly IReadOnlyList<string> ManagedRuleGroups =
    [
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
    ];

    /// <summary>The name of the rate-based rule.</summary>
    public const string RateLimitRuleName = "RateLimitPerClient";

    public EdgeWebAcl(Construct scope, string id, EdgeWebAclProps props)
        : base(scope, id)
    {
        props.Validate();
        if (props.Scope == WebAclScope.CloudFront && Stack.Of(this).Region is var region && !Token.IsUnresolved(region) && region != CloudFrontEdge.Region)
        {
            throw new ArgumentException(
                $"EdgeWebAclProps.Scope is CloudFront, but the stack is in {region}: CloudFront web ACLs exist only in {CloudFrontEdge.Region}.");
        }

        var rules = new List<CfnWebACL.IRuleProperty>();
        foreach (var group in ManagedRuleGroups)
        {
            rules.Add(new CfnWebACL.RuleProperty
            {
                Name = group,
                Priority = rules.Count,
                Statement = new CfnWebACL.StatementProperty
                {
                    ManagedRuleGroupStatement = new CfnWebACL.ManagedRuleGroupStatementProperty { VendorName = "AWS", Name = group },
                },
                // "None" keeps the group's own actions (block); "Count" would only observe.
                OverrideAction = new CfnWebACL.OverrideActionProperty { None = new Dictionary<string, object>() },
                VisibilityConfig = Visibility($"{props.Name}-{group}"),
            });
        }

        rules.Add(new CfnWebACL.RuleProperty
        {
            Name = RateLimitRuleName,
            Priority = rules.Count,
            Statement = new CfnWebACL.StatementProperty
            {
                RateBasedStatement = props.ClientIpHeader is null
                    ? new CfnWebACL.RateBasedStatementProperty { Limit = props.RateLimit, AggregateKeyType = "IP" }
                    : new CfnWebACL.RateBasedStatementProperty
                    {
                        Limit = props.RateLimit,
                        AggregateKeyType = "FORWARDED_IP",
                        // A request without the header is still counted, under its source address.
                        ForwardedIpConfig = new CfnWebACL.ForwardedIPConfigurationProperty { HeaderName = props.ClientIpHeader, FallbackBehavior = "MATCH" },
                    },
            },
            Action = new CfnWebACL.RuleActionProperty { Block = new CfnWebACL.BlockActionProperty() },
            VisibilityConfig = Visibility($"{props.Name}-{RateLimitRuleName}"),
        });

        WebAcl = new CfnWebACL(this, "Resource", new CfnWebACLProps
        {
            Name = props.Name,
            Description = $"NET-13: AWS managed rules and a rate limit ({props.Scope})",
            Scope = props.Scope == WebAclScope.CloudFront ? "CLOUDFRONT" : "REGIONAL",
            DefaultAction = new CfnWebACL.DefaultActionProperty { Allow = new CfnWebACL.AllowActionProperty() },
            VisibilityConfig = Visibility(props.Name),
            Rules = rules.ToArray(),
        });
    }

    /// <summary>The web ACL.</summary>
    public CfnWebACL WebAcl { get; }

    /// <summary>The web ACL's ARN (what a CloudFront distribution's <c>WebACLId</c> and an association take).</summary>
    public string Arn => WebAcl.AttrArn;

    private static CfnWebACL.VisibilityConfigProperty Visibility(string metricName) => new()
    {
        CloudWatchMetricsEnabled = true,
        SampledRequestsEnabled = true,
        MetricName = metricName,
    };
}
