using System.Globalization;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-01: every container runs as a numeric user whose UID is above 1000 (<c>User: "1001"</c> or <c>"1001:1001"</c>).
/// No <c>User</c> means the image's user, root unless the image says otherwise; a user name (<c>app</c>) cannot be
/// proven non-root from the template, so it fails too.
/// </summary>
public sealed class ContainersRunAsNonRootRule : IResourceRule
{
    /// <summary>The seed's bound: "Run as non-root user (UID &gt; 1000)".</summary>
    private const long HighestForbiddenUid = 1000;

    public RuleMetadata Metadata { get; } = new(
        "CTR-01",
        "Containers run as a non-root numeric user with UID above 1000",
        Severity.High,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECS.20"), FrameworkReference.Config("ecs-task-definition-nonroot-user"), FrameworkReference.Config("ecs-task-definition-linux-user-non-root")],
        new Remediation(
            CloudFormation: "Set User on every entry of ContainerDefinitions to a numeric UID above 1000, optionally with a GID: User: \"1001:1001\". Build the image so that this UID owns what the process needs.",
            Cdk: "Pass user: \"1001:1001\" in the ContainerDefinitionOptions of taskDefinition.addContainer(...), and end the Dockerfile with USER 1001:1001."))
    {
        SeedText = "Security Context Requirements: Run as non-root user (UID > 1000).",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        if (TaskDefinitions.IsWindows(resource))
        {
            yield break;
        }

        foreach (var container in TaskDefinitions.Containers(resource))
        {
            foreach (var user in resource.Get(container.Definition, "User"))
            {
                if (Problem(user) is { } problem)
                {
                    yield return resource.Fail(user, $"container '{container.Name}' {problem}", container.Name);
                }
            }
        }
    }

    /// <summary>What is wrong with one alternative of <c>User</c>, or null when it is a numeric UID above 1000.</summary>
    private static string? Problem(Resolved user)
    {
        if (user.IsAbsent || user.Kind == ValueKind.Null)
        {
            return "sets no User, so it runs as the image's user (root unless the image says otherwise): set a numeric UID above 1000, e.g. \"1001:1001\"";
        }

        if (user.IsUnknown)
        {
            return $"runs as a user that cannot be resolved ({user.Describe()}): it must be a numeric UID above 1000";
        }

        if (user.AsString() is not { } text)
        {
            return $"has a User that is not a string ({user.Describe()})";
        }

        var uidText = text.Split(':')[0].Trim();
        if (!long.TryParse(uidText, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return uidText is "root" or ""
                ? $"runs as root (User '{text}')"
                : $"runs as user name '{uidText}': only a numeric UID above 1000 proves from the template that it is not root";
        }

        return uid switch
        {
            0 => $"runs as root (User '{text}')",
            <= HighestForbiddenUid => $"runs as UID {TaskDefinitions.Format(uid)}: the UID must be above 1000, clear of system and default image users",
            _ => null,
        };
    }
}
