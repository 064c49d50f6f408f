using System.Globalization;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>The SQL dialect of an RDS engine, which decides where TLS is enforced.</summary>
public enum EngineFamily
{
    PostgreSql,
    MySql,
    MariaDb,
    SqlServer,

    /// <summary>Oracle, Db2, custom engines: TLS comes from option groups or the engine itself.</summary>
    Other,
}

/// <summary>Reading RDS instances and clusters, shared by the DATA rules.</summary>
public static class Databases
{
    public const string InstanceType = "AWS::RDS::DBInstance";
    public const string ClusterType = "AWS::RDS::DBCluster";

    /// <summary>Tag keys that name the environment (compared case-insensitively).</summary>
    private static readonly HashSet<string> EnvironmentTagKeys = new(StringComparer.OrdinalIgnoreCase) { "environment", "env", "stage" };

    /// <summary>Tag values that mean production (compared case-insensitively).</summary>
    private static readonly HashSet<string> ProductionValues = new(StringComparer.OrdinalIgnoreCase) { "prod", "production" };

    public static bool IsCluster(ResourceContext resource) => resource.Type == ClusterType;

    /// <summary>True for an instance of a cluster (Aurora): storage, backups, deletion protection and TLS are the cluster's.</summary>
    public static bool IsClusterMember(ResourceContext resource) =>
        resource.Type == InstanceType && resource.Get("DBClusterIdentifier").Any(v => !v.IsAbsent && v.Kind != ValueKind.Null);

    /// <summary>True for a read replica: its storage follows its source, and it keeps no backups of its own.</summary>
    public static bool IsReadReplica(ResourceContext resource) =>
        resource.Type == InstanceType && resource.Get("SourceDBInstanceIdentifier").Any(v => !v.IsAbsent && v.Kind != ValueKind.Null);

    /// <summary>The engine as written, lower case; for a replica without one, its source's engine when the source is in the template.</summary>
    public static IEnumerable<Resolved> Engines(ResourceContext resource)
    {
        var engines = resource.Get("Engine").ToList();
        if (engines.All(e => e.IsAbsent) && resource.Get("SourceDBInstanceIdentifier").FirstOrDefault(s => s.Kind == ValueKind.ResourceReference) is { } source
            && resource.Follow(source) is { } sourceInstance)
        {
            return sourceInstance.Get("Engine");
        }

        return engines;
    }

    public static EngineFamily Family(string engine) => engine.ToLowerInvariant() switch
    {
        "postgres" or "aurora-postgresql" => EngineFamily.PostgreSql,
        "mysql" or "aurora-mysql" or "aurora" => EngineFamily.MySql,
        "mariadb" => EngineFamily.MariaDb,
        var e when e.StartsWith("sqlserver", StringComparison.Ordinal) => EngineFamily.SqlServer,
        _ => EngineFamily.Other,
    };

    public static bool IsAurora(string engine) => engine.StartsWith("aurora", StringComparison.OrdinalIgnoreCase);

    /// <summary>The (major, minor) of an engine version such as "16.3" or "8.0.35"; null when it is not written or not numeric.</summary>
    public static (int Major, int Minor)? Version(ResourceContext resource)
    {
        var text = resource.Get("EngineVersion").Select(v => v.AsString()).FirstOrDefault();
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('.');
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? (major, parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : 0)
            : null;
    }

    /// <summary>The instances of the template that belong to <paramref name="cluster"/> (their <c>DBClusterIdentifier</c> refers to it).</summary>
    public static IEnumerable<ResourceContext> Members(ResourceContext cluster) =>
        cluster.Template.OfType(InstanceType)
            .Where(instance => instance.Get("DBClusterIdentifier").Any(id => id.ReferencedLogicalId == cluster.LogicalId));

    /// <summary>
    /// Whether the resource is tagged as production: a tag <c>environment</c>/<c>env</c>/<c>stage</c> (any case) whose
    /// value is <c>prod</c> or <c>production</c>. A scanner cannot know the environment otherwise (stack names are
    /// chosen at deployment), so an untagged resource is not production. Null when the tag's value cannot be resolved.
    /// </summary>
    public static bool? IsProduction(ResourceContext resource)
    {
        var unknown = false;
        foreach (var tag in resource.Get("Tags[*]"))
        {
            if (!resource.Get(tag, "Key").Any(key => key.AsString() is { } text && EnvironmentTagKeys.Contains(text)))
            {
                continue;
            }

            foreach (var value in resource.Get(tag, "Value"))
            {
                if (value.AsString() is { } text && ProductionValues.Contains(text))
                {
                    return true;
                }

                unknown |= value.IsUnknown;
            }
        }

        return unknown ? null : false;
    }
}
