namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-02: every container has <c>ReadonlyRootFilesystem: true</c>. Not set means false. Where a container truly
/// needs to write, it writes to a mounted volume; a container that cannot run read-only is a suppression with a reason.
/// </summary>
public sealed class ReadOnlyRootFilesystemRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-02",
        "Containers have a read-only root filesystem",
        Severity.Medium,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECS.5"), FrameworkReference.Config("ecs-containers-readonly-access")],
        new Remediation(
            CloudFormation: "Set ReadonlyRootFilesystem: true on every entry of ContainerDefinitions; give paths the process must write (/tmp, caches) a volume in the task's Volumes and the container's MountPoints.",
            Cdk: "Pass readonlyRootFilesystem: true to taskDefinition.addContainer(...); add a volume (taskDefinition.addVolume + container.addMountPoints) for the paths that must stay writable."))
    {
        SeedText = "Security Context Requirements: Read-only root filesystem where possible.",
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
            foreach (var value in resource.Get(container.Definition, "ReadonlyRootFilesystem"))
            {
                var message = value.AsBoolean() switch
                {
                    true => null,
                    false => $"container '{container.Name}' has a writable root filesystem (ReadonlyRootFilesystem is false)",
                    null when value.IsAbsent => $"container '{container.Name}' has a writable root filesystem: ReadonlyRootFilesystem is not set and defaults to false",
                    null when value.IsUnknown => $"container '{container.Name}' has ReadonlyRootFilesystem {value.Describe()}: it must be true",
                    null => $"container '{container.Name}' has ReadonlyRootFilesystem '{value.Describe()}', which is not a boolean: it must be true",
                };
                if (message is not null)
                {
                    yield return resource.Fail(value, message, container.Name);
                }
            }
        }
    }
}
