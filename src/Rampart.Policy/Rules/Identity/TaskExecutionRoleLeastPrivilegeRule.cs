namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-03: the ECS task execution role (a role the template's task definitions name as <c>ExecutionRoleArn</c>)
/// holds only what the ECS agent needs: <c>ecr:GetAuthorizationToken</c>; image pulls from named repositories;
/// <c>logs:CreateLogStream</c>/<c>logs:PutLogEvents</c> on named log groups; reads of named secrets and
/// parameters; <c>kms:Decrypt</c> on named keys. Anything else, an AWS managed policy (the usual
/// <c>AmazonECSTaskExecutionRolePolicy</c> grants all of it on <c>*</c>) or a policy outside the template is reported.
/// </summary>
public sealed class TaskExecutionRoleLeastPrivilegeRule : ITemplateRule
{
    /// <summary>What the ECS agent does with the execution role: pull the image, write logs, fetch secrets.</summary>
    public static IReadOnlyList<AllowedGrant> Allowed { get; } =
    [
        new(["ecr:GetAuthorizationToken"], ResourceRequirement.Any),
        new(["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], ResourceRequirement.Named),
        new(["logs:CreateLogStream", "logs:PutLogEvents"], ResourceRequirement.Named),
        new(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], ResourceRequirement.Named),
        new(["ssm:GetParameters", "ssm:GetParameter"], ResourceRequirement.Named),
        new(["kms:Decrypt"], ResourceRequirement.Named),
    ];

    public RuleMetadata Metadata { get; } = new(
        "IAM-03",
        "The ECS task execution role only pulls its images, writes its logs and reads its named secrets",
        Severity.High,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Remove AmazonECSTaskExecutionRolePolicy and other grants from the execution role; give it ecr:GetAuthorizationToken on \"*\", ecr:BatchCheckLayerAvailability/GetDownloadUrlForLayer/BatchGetImage on the repository ARN, logs:CreateLogStream/PutLogEvents on the log group ARN, secretsmanager:GetSecretValue on the secrets its containers' Secrets name, and kms:Decrypt on their key.",
            Cdk: "Let the CDK build the execution role from the task definition (ContainerImage.fromEcrRepository, LogDrivers.awsLogs with a LogGroup, ecs.Secret.fromSecretsManager): it grants exactly these on the named resources; do not add managed policies to taskDefinition.executionRole."))
    {
        SeedText = "ECS Task Execution Role (Infrastructure): ECR image pulling permissions; CloudWatch log creation; Secrets Manager read access for runtime secrets; Limited to specific resource ARNs.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var roles = TaskRoles.RolesOf(template, "ExecutionRoleArn");
        if (roles.Count == 0)
        {
            return null;
        }

        var attached = TaskRoles.AttachedPolicies(template);
        return roles.SelectMany(role => Judge(role, attached)).ToList();
    }

    private static IEnumerable<Violation> Judge(ResourceContext role, IReadOnlyDictionary<string, List<ResourceContext>> attached)
    {
        var description = $"the task execution role {role.LogicalId}";
        foreach (var arn in TaskRoles.OutsideManagedPolicies(role))
        {
            var name = TaskRoles.AwsManagedPolicyName(arn);
            if (name == "AmazonECSTaskExecutionRolePolicy")
            {
                yield return role.Fail(arn, $"{description} has AmazonECSTaskExecutionRolePolicy, which grants image pulls and log writes on every resource (\"*\"): grant them on the named repository and log group instead", name) with { Proven = true };
            }
            else if (name is not null)
            {
                yield return role.Fail(arn, $"{description} has the AWS managed policy {name}, which is not limited to its repository, log group and secrets", name) with { Proven = true };
            }
            else
            {
                yield return role.Unprovable(arn, $"{description} has a managed policy outside the template ({Arns.Describe(arn)}): its grants cannot be checked");
            }
        }

        foreach (var statement in TaskRoles.DocumentsOf(role, attached).SelectMany(Policies.Statements))
        {
            foreach (var violation in TaskRoles.Judge(statement, Allowed, description))
            {
                yield return violation;
            }
        }
    }
}
