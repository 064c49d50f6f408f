using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Rampart.Architecture.Identity;

/// <summary>
/// Trust policies that name one service principal and pin it to this account (IAM-06): the service
/// may assume the role only on behalf of a resource of the account (<c>aws:SourceAccount</c>), and,
/// where the service sends it, of a resource of this region (<c>aws:SourceArn</c>).
/// </summary>
public static class TrustPolicies
{
    /// <summary>A service principal that may assume a role only for this account's resources.</summary>
    /// <param name="service">The service principal, e.g. <c>ecs-tasks.amazonaws.com</c>.</param>
    /// <param name="scope">Any construct of the stack whose account and region apply.</param>
    /// <param name="sourceArnService">
    /// The ARN service prefix of the resources that may use the role (e.g. <c>ecs</c>), when the
    /// service sends <c>aws:SourceArn</c> on AssumeRole; null when it sends only the account.
    /// </param>
    public static IPrincipal Service(string service, IConstruct scope, string? sourceArnService = null)
    {
        var stack = Stack.Of(scope);
        var sourceArn = sourceArnService is null
            ? null
            : stack.FormatArn(new ArnComponents { Service = sourceArnService, Resource = "*", ArnFormat = ArnFormat.NO_RESOURCE_NAME });
        return new ServicePrincipal(service).WithConditions(OnBehalfOfAccount(scope, sourceArn));
    }

    /// <summary>A service principal that may assume a role only for this account's resources matching <paramref name="sourceArn"/>.</summary>
    /// <param name="service">The service principal, e.g. <c>states.amazonaws.com</c>.</param>
    /// <param name="scope">Any construct of the stack whose account applies.</param>
    /// <param name="sourceArn">The ARN (or <c>ArnLike</c> pattern) of the resources that may use the role.</param>
    public static IPrincipal ServiceFor(string service, IConstruct scope, object sourceArn) =>
        new ServicePrincipal(service).WithConditions(OnBehalfOfAccount(scope, sourceArn));

    /// <summary>
    /// The conditions that pin a service to this account (<c>aws:SourceAccount</c>) and, when given, to the resources
    /// matching <paramref name="sourceArn"/> (<c>aws:SourceArn</c>): for trust policies and for resource policies
    /// (topics, log groups, buckets) that let a service in.
    /// </summary>
    public static Dictionary<string, object> OnBehalfOfAccount(IConstruct scope, object? sourceArn = null)
    {
        var conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(scope).Account },
        };
        if (sourceArn is not null)
        {
            conditions["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArn };
        }

        return conditions;
    }
}
