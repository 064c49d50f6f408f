namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-06: ECS containers get secrets through <c>Secrets</c> (<c>ValueFrom</c> a Secrets Manager secret or SSM
/// parameter), never through <c>Environment</c>: an environment entry whose name says it holds a secret
/// (<see cref="SecretWords.LooksSecretEnvironmentName"/>, which includes ECS.8's <c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c> and <c>ECS_ENGINE_AUTH_DATA</c>) is reported whatever its value: even a dynamic
/// reference is resolved into the task definition, where <c>ecs:DescribeTaskDefinition</c> shows it.
/// </summary>
public sealed class ContainerSecretsFromSecretStoreRule : IResourceRule
{
    public RuleMetadata Metadata { get; } = new(
        "SEC-06",
        "Containers receive secrets through Secrets (ValueFrom), never through Environment",
        Severity.High,
        SeedSection.Secrets,
        [FrameworkReference.Fsbp("ECS.8"), FrameworkReference.Config("ecs-no-environment-secrets")],
        new Remediation(
            CloudFormation: "Move the entry from ContainerDefinitions[].Environment to ContainerDefinitions[].Secrets as {Name: DB_PASSWORD, ValueFrom: !Ref DbSecret} (or a parameter ARN), and grant the execution role secretsmanager:GetSecretValue on that secret.",
            Cdk: "container secrets: {DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, \"password\")} instead of environment: {DB_PASSWORD: ...}."))
    {
        SeedText = "Secrets Manager read access for runtime secrets (ECS Task Execution Role); SSM Parameter Store ... Non-sensitive environment variables.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = ["AWS::ECS::TaskDefinition"];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        foreach (var container in resource.Get("ContainerDefinitions[*]"))
        {
            var containerName = resource.Get(container, "Name").First().AsString() ?? "?";
            foreach (var entry in resource.Get(container, "Environment[*]"))
            {
                foreach (var name in resource.Get(entry, "Name"))
                {
                    if (name.AsString() is { } variable && SecretWords.LooksSecretEnvironmentName(variable))
                    {
                        yield return resource.Fail(name, $"passes {variable} to container {containerName} as a plain environment variable, which anyone allowed ecs:DescribeTaskDefinition can read: use Secrets with ValueFrom", $"{containerName}/{variable}");
                    }
                }
            }
        }
    }
}
