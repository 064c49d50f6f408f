namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-04: every container runs an init process (<c>LinuxParameters.InitProcessEnabled: true</c>), which forwards
/// signals to the application and reaps zombie processes. Not set means false.
/// </summary>
public sealed class InitProcessEnabledRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-04",
        "Containers run an init process",
        Severity.Low,
        SeedSection.Containers,
        [],
        new Remediation(
            CloudFormation: "Set LinuxParameters: { InitProcessEnabled: true } on every entry of ContainerDefinitions.",
            Cdk: "Pass linuxParameters: new LinuxParameters(this, \"Linux\", new LinuxParametersProps { InitProcessEnabled = true }) to taskDefinition.addContainer(...)."))
    {
        SeedText = "Security Context Requirements: Enable init process for proper signal handling.",
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
            foreach (var value in resource.Get(container.Definition, "LinuxParameters.InitProcessEnabled"))
            {
                var message = value.AsBoolean() switch
                {
                    true => null,
                    false => $"container '{container.Name}' runs without an init process (InitProcessEnabled is false): signals are not forwarded and zombies are not reaped",
                    null when value.IsAbsent => $"container '{container.Name}' runs without an init process: LinuxParameters.InitProcessEnabled is not set and defaults to false",
                    null when value.IsUnknown => $"container '{container.Name}' has InitProcessEnabled {value.Describe()}: it must be true",
                    null => $"container '{container.Name}' has InitProcessEnabled '{value.Describe()}', which is not a boolean: it must be true",
                };
                if (message is not null)
                {
                    yield return resource.Fail(value, message, container.Name);
                }
            }
        }
    }
}
