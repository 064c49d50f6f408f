using Amazon.CDK.AWS.IAM;

namespace Rampart.Architecture.Identity;

/// <summary>
/// Identity-policy statements that carry the seed's condition keys (IAM-05): every grant holds only
/// over TLS (<c>aws:SecureTransport</c>) and only in the approved regions (<c>aws:RequestedRegion</c>).
/// </summary>
public static class GuardedStatements
{
    /// <summary>An Allow statement with the guards, and <paramref name="conditions"/> merged in.</summary>
    public static PolicyStatement Allow(
        string sid,
        IEnumerable<string> actions,
        IEnumerable<string> resources,
        IReadOnlyList<string> allowedRegions,
        IDictionary<string, object>? conditions = null)
    {
        if (allowedRegions.Count == 0)
        {
            throw new ArgumentException($"Statement {sid}: no allowed region; aws:RequestedRegion needs at least one.");
        }

        var statement = new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Effect = Effect.ALLOW,
            Actions = actions.ToArray(),
            Resources = resources.ToArray(),
        });
        foreach (var (op, values) in conditions ?? new Dictionary<string, object>())
        {
            statement.AddCondition(op, values);
        }

        statement.AddCondition("StringEquals", new Dictionary<string, object> { ["aws:RequestedRegion"] = allowedRegions.ToArray() });
        statement.AddCondition("Bool", new Dictionary<string, object> { ["aws:SecureTransport"] = "true" });
        return statement;
    }
}
