using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-05: the task sets <c>Cpu</c> and <c>Memory</c> (Fargate requires both; on EC2 they cap the whole task), and
/// every container sets <c>Memory</c> or <c>MemoryReservation</c>, and <c>Cpu</c>, so one container cannot starve
/// the others. Keys: <c>task/cpu</c>, <c>task/memory</c>, <c>container/cpu</c>, <c>container/memory</c>.
/// </summary>
public sealed class ResourceLimitsSetRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-05",
        "Tasks and containers set CPU and memory limits",
        Severity.Medium,
        SeedSection.Containers,
        [FrameworkReference.Config("ecs-task-definition-memory-hard-limit")],
        new Remediation(
            CloudFormation: "Set Cpu and Memory on the AWS::ECS::TaskDefinition (e.g. Cpu: \"512\", Memory: \"1024\"), and Cpu plus Memory (hard limit) or MemoryReservation on every entry of ContainerDefinitions.",
            Cdk: "Pass cpu and memoryLimitMiB to FargateTaskDefinition, and cpu plus memoryLimitMiB (or memoryReservationMiB) to every taskDefinition.addContainer(...)."))
    {
        SeedText = "Security Context Requirements: Resource limits (CPU, memory) to prevent DoS.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var (property, key) in new[] { ("Cpu", "task/cpu"), ("Memory", "task/memory") })
        {
            foreach (var value in resource.Get(property))
            {
                if (!IsSet(value))
                {
                    yield return resource.Fail(value, value.IsUnknown
                        ? $"the task's {property} cannot be resolved ({value.Describe()}): it must be set"
                        : $"the task sets no {property}: nothing caps the {property.ToLowerInvariant()} of the whole task", key);
                }
            }
        }

        foreach (var container in TaskDefinitions.Containers(resource))
        {
            foreach (var cpu in resource.Get(container.Definition, "Cpu"))
            {
                if (!IsSet(cpu))
                {
                    yield return resource.Fail(cpu, cpu.IsUnknown
                        ? $"container '{container.Name}' has a Cpu that cannot be resolved ({cpu.Describe()})"
                        : $"container '{container.Name}' sets no Cpu: it has no CPU share of its own", container.Name + "/cpu");
                }
            }

            // Memory (hard limit) or MemoryReservation (soft limit): either alternative satisfies the control.
            var reservations = resource.Get(container.Definition, "MemoryReservation").ToList();
            foreach (var memory in resource.Get(container.Definition, "Memory"))
            {
                foreach (var reservation in reservations)
                {
                    if (memory.Guard.And(reservation.Guard) is not { } guard || IsSet(memory) || IsSet(reservation))
                    {
                        continue;
                    }

                    var unknown = memory.IsUnknown ? memory : reservation.IsUnknown ? reservation : null;
                    var violation = unknown is null
                        ? resource.Fail(memory, $"container '{container.Name}' sets neither Memory nor MemoryReservation: it has no memory limit of its own", container.Name + "/memory")
                        : resource.Unprovable(memory, $"container '{container.Name}' has a memory limit that cannot be resolved ({unknown.Describe()})", container.Name + "/memory");
                    yield return violation with { Guard = guard };
                }
            }
        }
    }

    private static bool IsSet(Resolved value) => value.IsKnownScalar && !string.IsNullOrWhiteSpace(value.Text);
}
