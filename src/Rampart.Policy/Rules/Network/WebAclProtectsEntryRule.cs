using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-13: the deployment's entry point is protected by an AWS WAF (v2) web ACL running the AWS managed rule
/// groups <c>AWSManagedRulesCommonRuleSet</c>, <c>AWSManagedRulesKnownBadInputsRuleSet</c> and
/// <c>AWSManagedRulesAmazonIpReputationList</c> (not in count mode) and a blocking rate-based rule.
/// The entry point is every CloudFront distribution (<c>DistributionConfig.WebACLId</c>) when the deployment has
/// one (the load balancer behind it only admits CloudFront, NET-04); otherwise every internet-facing application
/// load balancer (an <c>AWS::WAFv2::WebACLAssociation</c> whose <c>ResourceArn</c> is the load balancer).
/// CloudFront web ACLs often live in a us-east-1 stack: a <c>WebACLId</c> that is a parameter, an import, an ARN
/// or a cross-region reference is reported as not proven, not failed.
/// Not applicable to a deployment without a CloudFront distribution or an internet-facing load balancer.
/// </summary>
public sealed class WebAclProtectsEntryRule : IDeploymentRule
{
    public const string WebAclType = "AWS::WAFv2::WebACL";
    public const string AssociationType = "AWS::WAFv2::WebACLAssociation";
    public const string DistributionType = "AWS::CloudFront::Distribution";

    private static readonly string[] ManagedGroups = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];

    public RuleMetadata Metadata { get; } = new(
        "NET-13",
        "A WAF web ACL with the AWS managed rule groups and a rate limit protects CloudFront or the load balancer",
        Severity.High,
        SeedSection.Network,
        [FrameworkReference.Fsbp("CloudFront.6"), FrameworkReference.Fsbp("ELB.16"), FrameworkReference.Config("cloudfront-associated-with-waf")],
        new Remediation(
            CloudFormation: "Create an AWS::WAFv2::WebACL (Scope CLOUDFRONT in us-east-1 for a distribution, REGIONAL for a load balancer) with ManagedRuleGroupStatement rules for AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet and AWSManagedRulesAmazonIpReputationList (OverrideAction None) and a RateBasedStatement rule with Action Block; set DistributionConfig.WebACLId to its Arn, or add an AWS::WAFv2::WebACLAssociation for the load balancer.",
            Cdk: "new wafv2.CfnWebACL(...) with those rules, then new Distribution(..., { webAclId: acl.attrArn }) or new wafv2.CfnWebACLAssociation(..., { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn })."))
    {
        SeedText = "Network Layer: AWS WAF Protection.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        var distributions = deployment.OfType(DistributionType).Where(Resources.CanExist).ToList();
        var balancers = deployment.OfType(LoadBalancers.V2Type).Where(b => Resources.CanExist(b) && LoadBalancers.IsPublicApplication(b)).ToList();
        if (distributions.Count == 0 && balancers.Count == 0)
        {
            return null;
        }

        var violations = new List<Violation>();
        var acls = new List<ResourceContext>();
        if (distributions.Count > 0)
        {
            foreach (var distribution in distributions)
            {
                foreach (var id in distribution.Get("DistributionConfig.WebACLId"))
                {
                    if (id.IsAbsent)
                    {
                        violations.Add(distribution.Fail(id, "has no WAF web ACL (DistributionConfig.WebACLId): requests reach the origin unfiltered", "web-acl"));
                    }
                    else if (Acl(distribution, id, violations) is { } acl)
                    {
                        acls.Add(acl);
                    }
                }
            }
        }
        else
        {
            var associations = deployment.OfType(AssociationType).Where(Resources.CanExist).ToList();
            var uncertain = associations.Any(a => a.Get("ResourceArn").Any(arn => arn.IsUnknown));
            foreach (var balancer in balancers)
            {
                var mine = associations.Where(a => a.Template == balancer.Template)
                    .SelectMany(a => a.Get("ResourceArn").Where(arn => LoadBalancers.IsArnOf(arn, balancer)).Select(arn => (Association: a, Arn: arn)))
                    .ToList();
                foreach (var guard in Scenarios.WhenMissing(balancer.Guard, mine.Select(m => m.Arn.Guard).ToList()))
                {
                    violations.Add(balancer.Fail("has no WAF web ACL associated (AWS::WAFv2::WebACLAssociation): requests reach the application unfiltered", "web-acl") with { Guard = guard, Proven = !uncertain });
                }

                foreach (var (association, _) in mine)
                {
                    foreach (var arn in association.Get("WebACLArn"))
                    {
                        if (Acl(association, arn, violations) is { } acl)
                        {
                            acls.Add(acl);
                        }
                    }
                }
            }
        }

        foreach (var acl in acls.Distinct())
        {
            violations.AddRange(Judge(acl));
        }

        return violations;
    }

    /// <summary>The WAFv2 web ACL a reference names, or null (with the finding that explains why it cannot be judged).</summary>
    private static ResourceContext? Acl(ResourceContext from, Resolved reference, List<Violation> violations)
    {
        var target = from.Follow(reference);
        if (target?.Type == WebAclType)
        {
            return target;
        }

        if (target?.Type == "AWS::WAF::WebACL" || target?.Type == "AWS::WAFRegional::WebACL")
        {
            violations.Add(from.Fail(reference, $"uses classic WAF web ACL {target.LogicalId}, which cannot run the AWS managed rule groups; use AWS WAF (WAFv2)", "web-acl"));
            return null;
        }

        var source = target is null ? Resources.Name(reference) : $"{target.LogicalId} ({target.Type})";
        violations.Add(from.Unprovable(reference, $"takes its web ACL from {source}, outside what this deployment defines (a parameter, an import, another region): its rules cannot be checked here", "web-acl"));
        return null;
    }

    private static IEnumerable<Violation> Judge(ResourceContext acl)
    {
        foreach (var rules in acl.Get("Rules"))
        {
            if (rules.IsUnknown)
            {
                yield return acl.Fail(rules, "has rules given by a value that cannot be resolved: cannot check the managed rule groups and rate limit", "rules");
                continue;
            }

            var groups = new HashSet<string>(StringComparer.Ordinal);
            var rateLimited = false;
            var rateCounted = false;
            foreach (var rule in acl.Get(rules, "[*]"))
            {
                foreach (var name in acl.Get(rule, "Statement.ManagedRuleGroupStatement.Name"))
                {
                    if (name.AsString() is not { } group || !acl.Get(rule, "Statement.ManagedRuleGroupStatement.VendorName").Any(v => v.AsString() == "AWS"))
                    {
                        continue;
                    }

                    groups.Add(group);
                    foreach (var count in acl.Get(rule, "OverrideAction.Count").Where(c => !c.IsAbsent))
                    {
                        yield return acl.Fail(count, $"runs {group} in count mode (OverrideAction: Count): it records attacks but blocks none", group);
                    }
                }

                if (acl.Get(rule, "Statement.RateBasedStatement").Any(s => !s.IsAbsent))
                {
                    if (acl.Get(rule, "Action.Count").FirstOrDefault(c => !c.IsAbsent) is { } count)
                    {
                        rateCounted = true;
                        yield return acl.Fail(count, "has a rate-based rule in count mode (Action: Count): floods are counted, not stopped", "rate-limit");
                    }
                    else
                    {
                        rateLimited = true;
                    }
                }
            }

            foreach (var missing in ManagedGroups.Where(g => !groups.Contains(g)))
            {
                yield return acl.Fail(rules, $"does not run the AWS managed rule group {missing}", missing);
            }

            if (!rateLimited && !rateCounted)
            {
                yield return acl.Fail(rules, "has no blocking rate-based rule: nothing limits request floods from one address", "rate-limit");
            }
        }
    }
}
