using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Network;

/// <summary>
/// NET-09: the VPC's default security group allows no traffic. CloudFormation creates the default group with the
/// VPC (all traffic from its own members in, all traffic out) and cannot edit it, so the evidence accepted is a
/// custom resource that is handed the group (<c>!GetAtt Vpc.DefaultSecurityGroup</c> anywhere in its properties)
/// to revoke its rules: the CDK's <c>Custom::VpcRestrictDefaultSG</c> (<c>restrictDefaultSecurityGroup: true</c>)
/// or an <c>AwsCustomResource</c> calling <c>revokeSecurityGroupIngress</c>. A custom resource created under a
/// condition protects the VPC only when the condition holds. Independently, any
/// <c>AWS::EC2::SecurityGroupIngress</c>/<c>Egress</c> added to the default group is a violation.
/// </summary>
public sealed class DefaultSecurityGroupClosedRule : IResourceRule
{
    private const string Attribute = "DefaultSecurityGroup";

    public RuleMetadata Metadata { get; } = new(
        "NET-09",
        "The VPC's default security group allows no traffic",
        Severity.Medium,
        SeedSection.Network,
        [FrameworkReference.Fsbp("EC2.2"), FrameworkReference.Cis("5.4"), FrameworkReference.Config("vpc-default-security-group-closed")],
        new Remediation(
            CloudFormation: "Add a custom resource that revokes every rule of the default group, passing it !GetAtt Vpc.DefaultSecurityGroup (CloudFormation cannot edit the default group itself), and add no AWS::EC2::SecurityGroupIngress/Egress to that group.",
            Cdk: "new Vpc(..., { restrictDefaultSecurityGroup: true }) (the default with the @aws-cdk/aws-ec2:restrictDefaultSecurityGroup feature flag); attach your own groups instead of vpc.vpcDefaultSecurityGroup."));

    public IReadOnlyList<string> ResourceTypes { get; } = [Topology.VpcType, SecurityGroups.IngressType, SecurityGroups.EgressType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        resource.Type == Topology.VpcType ? Vpc(resource) : RuleOnDefaultGroup(resource);

    private static IEnumerable<Violation> Vpc(ResourceContext vpc)
    {
        if (!Resources.CanExist(vpc))
        {
            yield break;
        }

        var restrictions = vpc.Template.Resources
            .Where(r => Resources.IsCustomResource(r.Type) && Resources.CanExist(r) && r.Resource.Properties is { } properties && Mentions(properties, vpc.LogicalId))
            .Select(r => r.Guard)
            .ToList();
        foreach (var guard in Scenarios.WhenMissing(vpc.Guard, restrictions))
        {
            yield return vpc.Fail("keeps its default security group's rules (members reach each other, everything goes out): CloudFormation cannot edit that group, so nothing here restricts it", "default-group") with { Guard = guard };
        }
    }

    private static IEnumerable<Violation> RuleOnDefaultGroup(ResourceContext rule)
    {
        foreach (var groupId in rule.Get("GroupId"))
        {
            if (groupId.Kind == ValueKind.ResourceReference && groupId.ReferencedAttribute == Attribute
                && rule.Follow(groupId)?.Type == Topology.VpcType)
            {
                var direction = rule.Type == SecurityGroups.IngressType ? "an inbound" : "an outbound";
                yield return rule.Fail(groupId, $"adds {direction} rule to the default security group of {groupId.ReferencedLogicalId}; the default group must allow no traffic", "rule");
            }
        }
    }

    /// <summary>True when the node mentions <c>Fn::GetAtt [vpc, DefaultSecurityGroup]</c> (any form, at any depth).</summary>
    private static bool Mentions(TemplateNode node, string vpc)
    {
        if (node.TryGetSequence(out var sequence))
        {
            return sequence.Items.Any(i => Mentions(i, vpc));
        }

        if (!node.TryGetMapping(out var mapping))
        {
            return false;
        }

        if (mapping.TryGetIntrinsic(out var name, out var argument))
        {
            switch (name)
            {
                case "Fn::GetAtt":
                    return IsDefaultGroup(argument, vpc);
                case "Fn::Sub":
                    return (argument.AsSequence() is { Count: > 0 } sub ? sub.Items[0] : argument).AsScalar() is { } format && format.Text.Contains("${" + vpc + "." + Attribute + "}", StringComparison.Ordinal)
                        || Mentions(argument, vpc);
            }
        }

        return mapping.Entries.Any(e => Mentions(e.Value, vpc));
    }

    /// <summary>True for <c>[vpc, DefaultSecurityGroup]</c> or <c>vpc.DefaultSecurityGroup</c> (a mapping's text is null).</summary>
    private static bool IsDefaultGroup(TemplateNode argument, string vpc) => argument.AsSequence() is { } pair
        ? pair.Count == 2 && pair.Items[0].ScalarText == vpc && pair.Items[1].ScalarText == Attribute
        : argument.ScalarText == vpc + "." + Attribute;
}
