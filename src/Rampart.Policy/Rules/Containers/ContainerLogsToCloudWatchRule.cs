namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-08: every container sends its logs to CloudWatch Logs: <c>LogConfiguration.LogDriver: awslogs</c>, or
/// <c>awsfirelens</c> whose output plugin is CloudWatch's (<c>Options.Name: cloudwatch_logs</c> or the older
/// <c>cloudwatch</c>). FireLens without an output name routes through a configuration file the template does not
/// show: not proven. Any other driver (splunk, syslog, json-file...) or none fails.
/// </summary>
public sealed class ContainerLogsToCloudWatchRule : IResourceRule
{
    private static readonly HashSet<string> CloudWatchOutputs = new(StringComparer.OrdinalIgnoreCase) { "cloudwatch_logs", "cloudwatch" };

    public RuleMetadata Metadata { get; } = new(
        "CTR-08",
        "Every container sends its logs to CloudWatch",
        Severity.Medium,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECS.9"), FrameworkReference.Config("ecs-task-definition-log-configuration")],
        new Remediation(
            CloudFormation: "Give every entry of ContainerDefinitions LogConfiguration: { LogDriver: awslogs, Options: { awslogs-group: !Ref AppLogs, awslogs-region: !Ref AWS::Region, awslogs-stream-prefix: app } } (or awsfirelens with Options.Name: cloudwatch_logs).",
            Cdk: "Pass logging: LogDrivers.awsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = \"app\" }) to every taskDefinition.addContainer(...)."))
    {
        SeedText = "CloudWatch: For logging and metrics.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var container in TaskDefinitions.Containers(resource))
        {
            foreach (var driver in resource.Get(container.Definition, "LogConfiguration.LogDriver"))
            {
                switch (driver.AsString()?.ToLowerInvariant())
                {
                    case "awslogs":
                        break;
                    case "awsfirelens":
                        foreach (var violation in FireLensViolations(resource, container))
                        {
                            yield return violation;
                        }

                        break;
                    case { } other:
                        yield return resource.Fail(driver, $"container '{container.Name}' logs through the {other} driver, not to CloudWatch Logs", container.Name);
                        break;
                    case null when driver.IsAbsent:
                        yield return resource.Fail(driver, $"container '{container.Name}' has no LogConfiguration: its logs go nowhere CloudWatch can see", container.Name);
                        break;
                    case null:
                        yield return resource.Fail(driver, $"container '{container.Name}' has LogDriver {driver.Describe()}: it must be awslogs", container.Name);
                        break;
                }
            }
        }
    }

    private static IEnumerable<Violation> FireLensViolations(ResourceContext resource, ContainerDefinition container)
    {
        foreach (var output in resource.Get(container.Definition, "LogConfiguration.Options.Name"))
        {
            var name = output.AsString();
            if (name is not null && CloudWatchOutputs.Contains(name))
            {
                continue;
            }

            yield return name is not null
                ? resource.Fail(output, $"container '{container.Name}' routes its logs through FireLens to '{name}', not to CloudWatch Logs", container.Name)
                : resource.Unprovable(output, $"container '{container.Name}' routes its logs through FireLens without an output Name: where they go is in a configuration file the template does not show", container.Name);
        }
    }
}
