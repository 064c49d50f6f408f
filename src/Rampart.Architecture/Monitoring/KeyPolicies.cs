using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;

namespace Rampart.Architecture.Monitoring;

/// <summary>
/// The use statements the monitoring services need in the key policies of their keys (IAM-09): named service
/// principals under source or encryption-context conditions, and named roles. The keys themselves, with their
/// administration statement, come from <see cref="Data.ServiceKeys"/>.
/// </summary>
internal static class KeyPolicies
{
    /// <summary>Lets an AWS service principal use the key under the given conditions.</summary>
    public static void AllowService(IKey key, string sid, string servicePrincipal, string[] actions, IDictionary<string, object> conditions) =>
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ServicePrincipal(servicePrincipal)],
            Actions = actions,
            Resources = ["*"],
            Conditions = conditions,
        }));

    /// <summary>Lets one role of this construct use the key (the key policy names it: there is no IAM delegation for use).</summary>
    public static void AllowRole(IKey key, string sid, IRole role, params string[] actions) =>
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Principals = [new ArnPrincipal(role.RoleArn)],
            Actions = actions,
            Resources = ["*"],
        }));
}
