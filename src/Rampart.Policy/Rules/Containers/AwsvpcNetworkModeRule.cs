namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-07: task definitions use <c>NetworkMode: awsvpc</c>, so each task has its own network interface and security
/// group. Not set means <c>bridge</c> on EC2 (and Fargate refuses it); <c>host</c> shares the instance's network
/// stack and is what FSBP ECS.1 looks for; <c>bridge</c> and <c>none</c> fail too.
/// </summary>
public sealed class AwsvpcNetworkModeRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "CTR-07",
        "Tasks use awsvpc network mode, never host",
        Severity.High,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECS.1"), FrameworkReference.Config("ecs-task-definition-user-for-host-mode-check")],
        new Remediation(
            CloudFormation: "Set NetworkMode: awsvpc on the AWS::ECS::TaskDefinition and give the service NetworkConfiguration.AwsvpcConfiguration with private subnets and the app-tier security group.",
            Cdk: "Use FargateTaskDefinition (always awsvpc), or pass networkMode: NetworkMode.AWS_VPC to Ec2TaskDefinition."))
    {
        SeedText = "Container Networking: Host network mode prohibited.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [TaskDefinitions.TaskDefinitionType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var mode in resource.Get("NetworkMode"))
        {
            var text = mode.AsString();
            var message = text?.ToLowerInvariant() switch
            {
                "awsvpc" => null,
                "host" => "uses host network mode: containers share the instance's network stack and bypass task security groups",
                not null => $"uses {text} network mode: tasks must use awsvpc so that each has its own interface and security group",
                null when mode.IsAbsent => "sets no NetworkMode, so it gets bridge mode on EC2 (and Fargate rejects it): set NetworkMode: awsvpc",
                null => $"has NetworkMode {mode.Describe()}: it must be awsvpc",
            };
            if (message is not null)
            {
                yield return resource.Fail(mode, message);
            }
        }
    }
}
