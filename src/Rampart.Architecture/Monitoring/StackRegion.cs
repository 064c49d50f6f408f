using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// Monitoring's own roles (remediation runbooks, the response workflow, the KPI function) act in the
/// region their stack is deployed to and nowhere else: each statement carries <c>aws:RequestedRegion</c>
/// with the stack's region (IAM-05). That also pins grants that cannot name a regional ARN: actions on
/// <c>*</c> and S3 bucket ARNs, which carry no region.
/// </summary>
internal static class StackRegion
{
    /// <summary>Adds the stack's region as <c>aws:RequestedRegion</c> to <paramref name="statement"/> and returns it.</summary>
    public static PolicyStatement Only(IConstruct scope, PolicyStatement statement)
    {
        statement.AddCondition("StringEquals", new Dictionary<string, object> { ["aws:RequestedRegion"] = Stack.Of(scope).Region });
        return statement;
    }
}
