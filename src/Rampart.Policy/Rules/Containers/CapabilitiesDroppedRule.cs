using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-03: every container drops all Linux capabilities (<c>LinuxParameters.Capabilities.Drop</c> contains
/// <c>ALL</c>) and adds none. Each added capability is its own finding keyed <c>container/CAPABILITY</c>, so the
/// one a service really needs (say <c>app/NET_BIND_SERVICE</c>) is suppressed with its reason and no other.
/// </summary>
public sealed class CapabilitiesDroppedRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-03",
        "Containers drop all Linux capabilities and add none without a recorded reason",
        Severity.Medium,
        SeedSection.Containers,
        [],
        new Remediation(
            CloudFormation: "On every entry of ContainerDefinitions set LinuxParameters: { Capabilities: { Drop: [ALL] } } and remove Capabilities.Add; if a capability is truly required, keep it and suppress that one finding (id CTR-03, finding \"<container>/<CAPABILITY>\") with the reason.",
            Cdk: "Pass linuxParameters: new LinuxParameters(this, \"Linux\", { ... }) with linuxParameters.dropCapabilities(Capability.ALL) to addContainer(...); do not call addCapabilities unless a recorded reason requires it."))
    {
        SeedText = "Security Context Requirements: Drop all Linux capabilities unless specifically required.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        if (TaskDefinitions.IsWindows(resource))
        {
            return [];
        }

        return TaskDefinitions.Containers(resource)
            .SelectMany(container => DropViolations(resource, container).Concat(AddViolations(resource, container)));
    }

    private static IEnumerable<Violation> DropViolations(ResourceContext resource, ContainerDefinition container)
    {
        foreach (var drop in resource.Get(container.Definition, "LinuxParameters.Capabilities.Drop"))
        {
            if (drop.IsAbsent || drop.Kind == ValueKind.Null)
            {
                yield return resource.Fail(drop, $"container '{container.Name}' keeps Docker's default Linux capabilities: Capabilities.Drop must contain ALL", container.Name);
                continue;
            }

            if (drop.Kind != ValueKind.Sequence && !drop.IsUnknown)
            {
                yield return resource.Fail(drop, $"container '{container.Name}' has Capabilities.Drop {drop.Describe()}, which is not a list: it must be a list containing ALL", container.Name);
                continue;
            }

            if (ListChoices.Expand(resource, drop) is not { } choices)
            {
                yield return resource.Unprovable(drop, $"container '{container.Name}' drops capabilities that cannot be resolved ({drop.Describe()}): Capabilities.Drop must contain ALL", container.Name);
                continue;
            }

            foreach (var choice in choices)
            {
                if (choice.Items.Any(IsAll))
                {
                    continue;
                }

                var violation = choice.Items.Any(item => item.IsUnknown)
                    ? resource.Unprovable(drop, $"container '{container.Name}' drops capabilities that cannot all be resolved: Capabilities.Drop must contain ALL", container.Name)
                    : resource.Fail(drop, $"container '{container.Name}' drops only {Describe(choice.Items)}: Capabilities.Drop must contain ALL", container.Name);
                yield return violation with { Guard = choice.Guard };
            }
        }
    }

    private static IEnumerable<Violation> AddViolations(ResourceContext resource, ContainerDefinition container)
    {
        foreach (var added in resource.Get(container.Definition, "LinuxParameters.Capabilities.Add"))
        {
            if (added.IsUnknown)
            {
                yield return resource.Unprovable(added, $"container '{container.Name}' adds capabilities that cannot be resolved ({added.Describe()}): it must add none", $"{container.Name}/?");
                continue;
            }

            foreach (var capability in resource.Get(added, "[*]"))
            {
                var name = capability.AsString() ?? "?";
                var message = capability.IsUnknown
                    ? $"container '{container.Name}' adds a capability that cannot be resolved ({capability.Describe()})"
                    : $"container '{container.Name}' adds Linux capability {name}: remove it, or suppress this finding with the reason it is required";
                yield return resource.Fail(capability, message, $"{container.Name}/{name.ToUpperInvariant()}");
            }
        }
    }

    private static bool IsAll(Resolved capability) => string.Equals(capability.AsString(), "ALL", StringComparison.OrdinalIgnoreCase);

    private static string Describe(IReadOnlyList<Resolved> items) =>
        items.Count == 0 ? "nothing" : string.Join(", ", items.Select(i => i.Describe()));
}
