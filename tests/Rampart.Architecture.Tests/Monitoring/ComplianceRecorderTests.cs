using System.Text.Json.Nodes;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class ComplianceRecorderTests(DefaultArchitecture architecture)
{
    private readonly TemplateView _template = architecture.Workload();

    [Fact]
    public void MON_03_recorder_records_all_supported_resources_including_global_ones()
    {
        var group = _template.Single("AWS::Config::ConfigurationRecorder").Resource.Properties()["RecordingGroup"]!;

        Assert.True((bool)group["AllSupported"]!);
        Assert.True((bool)group["IncludeGlobalResourceTypes"]!);
    }

    [Fact]
    public void MON_03_recorder_role_has_the_config_managed_policy_and_trusts_config_of_this_account_only()
    {
        var roleId = Target(_template.Single("AWS::Config::ConfigurationRecorder").Resource.Properties()["RoleARN"]);
        var role = _template.Resource(roleId).Properties();

        Assert.Equal(["arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole"], Texts(role["ManagedPolicyArns"]));
        var trust = Assert.Single(Statements(role["AssumeRolePolicyDocument"]));
        Assert.Equal(["config.amazonaws.com"], trust.ServicePrincipals());
        Assert.Equal(["111111111111"], trust.Condition("StringEquals", "aws:SourceAccount"));
    }

    [Fact]
    public void MON_03_delivery_channel_writes_to_a_kms_encrypted_bucket_that_admits_config_of_this_account()
    {
        var channel = _template.Single("AWS::Config::DeliveryChannel").Resource;
        var keyId = Target(channel.Properties()["S3KmsKeyArn"]);
        var bucketId = Target(channel.Properties()["S3BucketName"]);

        var encryption = _template.Resource(bucketId).Properties()["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
        Assert.Equal("aws:kms", (string)encryption["SSEAlgorithm"]!);
        // Config writes each delivery with the Config key; the bucket's default is the S3 key (one key per service).
        Assert.Equal(["alias/webapp/dev/s3"], _template.AliasesOf(Target(encryption["KMSMasterKeyID"])));
        Assert.Equal(["alias/webapp/dev/config"], _template.AliasesOf(keyId));
        var policy = Assert.Single(_template.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == bucketId);
        var configStatements = Statements(policy.Resource.Properties()["PolicyDocument"]).Where(s => s.ServicePrincipals().Contains("config.amazonaws.com")).ToList();
        Assert.Equal(3, configStatements.Count);
        Assert.All(configStatements, s => Assert.Equal(["111111111111"], s.Condition("StringEquals", "aws:SourceAccount")));
        Assert.Contains(_template.Single("AWS::Config::ConfigurationRecorder").LogicalId, channel.DependsOn());
    }

    [Fact]
    public void MON_03_the_seeds_managed_rules_are_evaluated_with_the_fargate_aware_non_root_rule()
    {
        var identifiers = Rules().Select(r => (string)r.Properties()["Source"]!["SourceIdentifier"]!).ToList();

        Assert.Subset(identifiers.ToHashSet(), new HashSet<string>
        {
            "ENCRYPTED_VOLUMES",
            "RDS_STORAGE_ENCRYPTED",
            "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
            "INCOMING_SSH_DISABLED",
            "ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT",
            "IAM_ROOT_ACCESS_KEY_CHECK",
        });
        Assert.DoesNotContain("ECS_TASK_DEFINITION_NONROOT_USER", identifiers);
        Assert.All(Rules(), r => Assert.Equal("AWS", (string)r.Properties()["Source"]!["Owner"]!));
    }

    [Fact]
    public void MON_03_change_triggered_rules_are_scoped_to_their_resource_type()
    {
        var scopes = Rules().ToDictionary(
            r => (string)r.Properties()["Source"]!["SourceIdentifier"]!,
            r => Texts(r.Properties()["Scope"]?["ComplianceResourceTypes"]));

        Assert.Equal(["AWS::EC2::Volume"], scopes["ENCRYPTED_VOLUMES"]);
        Assert.Equal(["AWS::RDS::DBInstance"], scopes["RDS_STORAGE_ENCRYPTED"]);
        Assert.Equal(["AWS::S3::Bucket"], scopes["S3_BUCKET_PUBLIC_WRITE_PROHIBITED"]);
        Assert.Equal(["AWS::EC2::SecurityGroup"], scopes["INCOMING_SSH_DISABLED"]);
        Assert.Equal(["AWS::ECS::TaskDefinition"], scopes["ECS_TASK_DEFINITION_LINUX_USER_NON_ROOT"]);
    }

    [Fact]
    public void MON_03_every_rule_depends_on_the_recorder_and_the_delivery_channel()
    {
        var recorder = _template.Single("AWS::Config::ConfigurationRecorder").LogicalId;
        var channel = _template.Single("AWS::Config::DeliveryChannel").LogicalId;

        Assert.All(Rules(), r =>
        {
            Assert.Contains(recorder, r.DependsOn());
            Assert.Contains(channel, r.DependsOn());
        });
    }

    [Fact]
    public void DATA_04_ebs_encryption_by_default_is_evaluated_for_the_account()
    {
        Assert.Single(Rules(), r => (string)r.Properties()["Source"]!["SourceIdentifier"]! == "EC2_EBS_ENCRYPTION_BY_DEFAULT");
    }

    [Fact]
    public void SEC_07_secrets_not_rotated_within_90_days_are_flagged_by_config()
    {
        var rule = Assert.Single(Rules(), r => (string)r.Properties()["Source"]!["SourceIdentifier"]! == "SECRETSMANAGER_SECRET_PERIODIC_ROTATION");

        Assert.Equal(90, (int)rule.Properties()["InputParameters"]!["maxDaysSinceRotation"]!);
    }

    private IReadOnlyList<JsonObject> Rules() => _template.OfType("AWS::Config::ConfigRule").Select(r => r.Resource).ToList();
}
