using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-06: no container runs privileged (<c>Privileged: true</c> gives it the host's devices and every capability).
/// Not set means false.
/// </summary>
public sealed class NoPrivilegedContainersRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-06",
        "No container runs privileged",
        Severity.High,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECS.4"), FrameworkReference.Config("ecs-containers-nonprivileged")],
        new Remediation(
            CloudFormation: "Remove Privileged (or set Privileged: false) on every entry of ContainerDefinitions; grant a single capability through LinuxParameters.Capabilities.Add if one is truly needed (CTR-03 records why).",
            Cdk: "Do not pass privileged: true to taskDefinition.addContainer(...)."))
    {
        SeedText = "Container Networking: No privileged containers in production.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var container in TaskDefinitions.Containers(resource))
        {
            foreach (var value in resource.Get(container.Definition, "Privileged"))
            {
                if (value.AsBoolean() == true)
                {
                    yield return resource.Fail(value, $"container '{container.Name}' runs privileged: it gets every Linux capability and the host's devices", container.Name);
                }
                else if (value.IsUnknown)
                {
                    yield return resource.Fail(value, $"container '{container.Name}' has Privileged {value.Describe()}: it must be false or absent", container.Name);
                }
                else if (!value.IsAbsent && value.Kind != ValueKind.Null && value.AsBoolean() is null)
                {
                    yield return resource.Fail(value, $"container '{container.Name}' has Privileged '{value.Describe()}', which is not a boolean", container.Name);
                }
            }
        }
    }
}
