namespace Rampart.Policy.Rules.Monitoring;

/// <summary>
/// MON-03: AWS Config records every supported resource (with a delivery channel) and runs the seed's six
/// managed rules. For Fargate task definitions the non-root rule is ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT:
/// ECS_TASK_DEFINITION_NONROOT_USER evaluates only the EC2 launch type.
/// </summary>
public sealed class ConfigRecordsSeedRulesRule : IDeploymentRule
{
    private static readonly (string Identifier, string Seed)[] SeedRules =
    [
        ("ENCRYPTED_VOLUMES", "Encrypted storage volumes required"),
        ("RDS_STORAGE_ENCRYPTED", "RDS encryption enabled"),
        ("S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "S3 bucket public write prohibited"),
        ("INCOMING_SSH_DISABLED", "Security group SSH access restricted"),
        ("ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT", "ECS task definition non-root user required"),
        ("IAM_ROOT_ACCESS_KEY_CHECK", "Root access key usage prohibited"),
    ];

    public RuleMetadata Metadata { get; } = new(
        "MON-03",
        "AWS Config records all resources and runs the seed's rules",
        Severity.Medium,
        SeedSection.Monitoring,
        [FrameworkReference.Fsbp("Config.1"), FrameworkReference.Cis("3.5")],
        new Remediation(
            CloudFormation: "Add an AWS::Config::ConfigurationRecorder (RecordingGroup.AllSupported: true), an AWS::Config::DeliveryChannel, and AWS::Config::ConfigRule resources with Source.Owner AWS and SourceIdentifier ENCRYPTED_VOLUMES, RDS_STORAGE_ENCRYPTED, S3_BUCKET_PUBLIC_WRITE_PROHIBITED, INCOMING_SSH_DISABLED, ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT, IAM_ROOT_ACCESS_KEY_CHECK.",
            Cdk: "new CfnConfigurationRecorder(...) and new CfnDeliveryChannel(...), then new ManagedRule(this, id, { identifier: ManagedRuleIdentifiers.EC2_EBS_ENCRYPTION_BY_DEFAULT ... }) for each seed rule (ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT for Fargate)."))
    {
        SeedText = "AWS Config Rules: encrypted storage volumes required; RDS encryption enabled; S3 bucket public write prohibited; security group SSH access restricted; ECS task definition non-root user required; root access key usage prohibited.",
    };

    public IEnumerable<Violation>? Evaluate(DeploymentContext deployment)
    {
        if (!Workloads.Present(deployment))
        {
            return null;
        }

        var violations = new List<Violation>();
        var recorders = deployment.OfType("AWS::Config::ConfigurationRecorder").ToList();
        if (recorders.Count == 0)
        {
            violations.Add(deployment.Fail("the deployment has no AWS Config configuration recorder: configuration changes are not recorded", Workloads.Types, "Recorder"));
        }

        foreach (var recorder in recorders)
        {
            foreach (var allSupported in recorder.Get("RecordingGroup.AllSupported").Where(v => !v.IsAbsent && v.AsBoolean() != true))
            {
                violations.Add(recorder.Fail(allSupported, $"the recorder does not record all supported resources (AllSupported is {allSupported.Describe()})", "AllSupported"));
            }
        }

        if (recorders.Count > 0 && !deployment.Has("AWS::Config::DeliveryChannel"))
        {
            violations.Add(recorders[0].Fail("the recorder has no delivery channel: recorded configurations go nowhere", "DeliveryChannel"));
        }

        var identifiers = deployment.OfType("AWS::Config::ConfigRule")
            .SelectMany(rule => rule.Get("Source.SourceIdentifier"))
            .Select(v => v.AsString())
            .Where(v => v is not null)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (identifier, seed) in SeedRules)
        {
            if (identifiers.Contains(identifier))
            {
                continue;
            }

            var hint = identifier == "ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT" && identifiers.Contains("ECS_TASK_DEFINITION_NONROOT_USER")
                ? " (ECS_TASK_DEFINITION_NONROOT_USER is there, but it evaluates only the EC2 launch type, not Fargate)"
                : string.Empty;
            violations.Add(deployment.Fail($"AWS Config does not run {identifier} (\"{seed}\"){hint}", Workloads.Types, identifier));
        }

        return violations;
    }
}
