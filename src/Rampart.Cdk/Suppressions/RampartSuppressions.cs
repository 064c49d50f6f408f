using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.CDK;
using Constructs;

namespace Rampart.Cdk.Suppressions;

/// <summary>
/// Records, on a construct, that a Rampart control is knowingly not met, and why. The suppression is
/// written into the CloudFormation resource's <c>Metadata.rampart.suppressions</c>, so the scanner (and the
/// CDK validation plugin) see it in the template, with its reason:
/// <code>RampartSuppressions.Add(bucket, "DATA-05", "S3 server access logging delivers only to SSE-S3 buckets", finding: "kms");</code>
/// </summary>
public static class RampartSuppressions
{
    private static readonly ConditionalWeakTable<CfnResource, List<Dictionary<string, object>>> Recorded = new();

    /// <summary>
    /// Suppresses <paramref name="controlId"/> on the CloudFormation resource of <paramref name="scope"/>
    /// (the construct itself when it is a CfnResource, else its default child).
    /// </summary>
    /// <param name="scope">The construct (an L1 resource, or an L2 whose default child is one).</param>
    /// <param name="controlId">The control, e.g. <c>NET-07</c>.</param>
    /// <param name="reason">Why: the seed's words or the AWS limit that forces it. Mandatory.</param>
    /// <param name="finding">Only this finding of the control (a port, an action, an aspect), when set.</param>
    /// <param name="expires">The last day the suppression holds, when set.</param>
    public static void Add(IConstruct scope, string controlId, string reason, string? finding = null, DateOnly? expires = null)
    {
        if (string.IsNullOrWhiteSpace(controlId))
        {
            throw new ArgumentException("a suppression needs a control ID such as NET-07", nameof(controlId));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"the suppression of {controlId} on {scope.Node.Path} needs a reason", nameof(reason));
        }

        var resource = scope as CfnResource ?? scope.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{scope.Node.Path} is not a CloudFormation resource and has none as its default child: suppress on the resource itself", nameof(scope));

        var entry = new Dictionary<string, object> { ["id"] = controlId, ["reason"] = reason };
        if (finding is not null)
        {
            entry["finding"] = finding;
        }

        if (expires is { } date)
        {
            entry["expires"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var list = Recorded.GetValue(resource, _ => []);
        list.Add(entry);
        resource.AddMetadata("rampart", new Dictionary<string, object> { ["suppressions"] = list.Cast<object>().ToArray() });
    }
}
