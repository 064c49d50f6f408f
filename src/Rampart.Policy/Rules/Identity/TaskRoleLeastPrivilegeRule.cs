namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-04: the ECS task role (a role the template's task definitions name as <c>TaskRoleArn</c>) holds only the
/// application's runtime grants: reads of SSM parameters under <c>/&lt;application&gt;/&lt;environment&gt;/</c>,
/// <c>cloudwatch:PutMetricData</c> with a <c>cloudwatch:namespace</c> condition, X-Ray writes, object access on
/// named S3 buckets, and the KMS use those need on named keys. Anything else is reported.
/// </summary>
public sealed class TaskRoleLeastPrivilegeRule : ITemplateRule
{
    /// <summary>AWS managed policies that hold nothing beyond the allow-list (X-Ray writes on "*").</summary>
    public static IReadOnlyList<string> AcceptedManagedPolicies { get; } = ["AWSXRayDaemonWriteAccess"];

    /// <summary>The application's runtime needs, as the seed lists them.</summary>
    public static IReadOnlyList<AllowedGrant> Allowed { get; } =
    [
        new(["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"], ResourceRequirement.ParameterPath),
        new(["ssm:DescribeParameters"], ResourceRequirement.Any),
        new(["cloudwatch:PutMetricData"], ResourceRequirement.Any, "cloudwatch:namespace"),
        new(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"], ResourceRequirement.Any),
        new(["s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:AbortMultipartUpload", "s3:Abort*", "s3:ListBucket*", "s3:ListMultipartUploadParts", "s3:GetBucket*", "s3:List*"], ResourceRequirement.Named),
        new(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"], ResourceRequirement.Named),
    ];

    public RuleMetadata Metadata { get; } = new(
        "IAM-04",
        "The ECS task role only reads its parameters, puts its metrics, writes traces and reaches named buckets",
        Severity.High,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Give the task role only: ssm:GetParameter(s)/GetParametersByPath on arn:...:parameter/<application>/<environment>/*, cloudwatch:PutMetricData on \"*\" with Condition StringEquals cloudwatch:namespace, xray:PutTraceSegments/PutTelemetryRecords, and s3 object actions on the named buckets' ARNs; move anything else to the service that needs it.",
            Cdk: "Grant from the resources (parameter.grantRead(taskRole) for parameters under the application path, bucket.grantReadWrite(taskRole)), add PutMetricData with conditions: {StringEquals: {\"cloudwatch:namespace\": ns}}, and remove other statements and managed policies from taskDefinition.taskRole."))
    {
        SeedText = "ECS Task Role (Application Runtime): SSM Parameter Store read access for configuration; CloudWatch metrics publishing; S3 access (if required for application data); X-Ray tracing permissions; Limited to specific resource ARNs and conditions.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var roles = TaskRoles.RolesOf(template, "TaskRoleArn");
        if (roles.Count == 0)
        {
            return null;
        }

        var attached = TaskRoles.AttachedPolicies(template);
        return roles.SelectMany(role => Judge(role, attached)).ToList();
    }

    private static IEnumerable<Violation> Judge(ResourceContext role, IReadOnlyDictionary<string, List<ResourceContext>> attached)
    {
        var description = $"the task role {role.LogicalId}";
        foreach (var arn in TaskRoles.OutsideManagedPolicies(role))
        {
            var name = TaskRoles.AwsManagedPolicyName(arn);
            if (name is not null && !AcceptedManagedPolicies.Contains(name))
            {
                yield return role.Fail(arn, $"{description} has the AWS managed policy {name}, which is not limited to the application's parameters, metrics, traces and buckets", name) with { Proven = true };
            }
            else if (name is null)
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
