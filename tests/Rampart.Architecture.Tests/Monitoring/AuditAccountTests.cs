using System.Text.Json.Nodes;
using Rampart.Architecture.Monitoring;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>Three environments whose trails deliver to a dedicated audit account (MON-01, MON-02).</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class AuditAccountTests(AuditAccountArchitecture architecture) : IClassFixture<AuditAccountArchitecture>
{
    private const string AuditBucketName = "webapp-audit-trail-999999999999-eu-west-1";

    private static readonly string[] TrailArns =
    [
        "arn:${AWS::Partition}:cloudtrail:eu-west-1:111111111111:trail/webapp-dev-audit-trail",
        "arn:${AWS::Partition}:cloudtrail:eu-central-1:111111111111:trail/webapp-staging-audit-trail",
        "arn:${AWS::Partition}:cloudtrail:eu-west-1:333333333333:trail/webapp-prod-audit-trail",
    ];

    private readonly TemplateView _audit = new(architecture.Templates[MonitoringNames.AuditStackName(architecture.Configuration)]);

    public static TheoryData<string> Environments => new() { "dev", "staging", "prod" };

    [Fact]
    public void MON_01_the_audit_stack_is_shared_by_every_environment_stage_from_the_audit_account()
    {
        var artifacts = architecture.Manifest["artifacts"]!.AsObject();
        var auditStack = MonitoringNames.AuditStackName(architecture.Configuration);

        // One top-level stack in the audit account, outside the environments' stages. CDK dependencies
        // cannot cross a stage boundary, so it is deployed first by order (docs/deployment.md).
        Assert.Equal("aws://999999999999/eu-west-1", (string)artifacts[auditStack]!["environment"]!);
        Assert.All(architecture.Configuration.Environments, e =>
        {
            var workload = Rampart.Architecture.Stacks.ArchitectureApp.StackName(architecture.Configuration, e);
            var stage = architecture.NestedManifests[$"assembly-{Rampart.Architecture.Stacks.ArchitectureApp.StageName(architecture.Configuration, e)}"];
            Assert.DoesNotContain(artifacts, a => (string?)a.Value!["properties"]?["stackName"] == workload);
            Assert.Contains(stage["artifacts"]!.AsObject(), a => (string?)a.Value!["properties"]?["stackName"] == workload);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void MON_01_each_workload_trail_writes_to_the_audit_account_bucket_and_key_by_name(string environment)
    {
        var workload = architecture.Workload(environment);
        var trail = workload.Single("AWS::CloudTrail::Trail").Resource.Properties();

        Assert.Equal(AuditBucketName, (string)trail["S3BucketName"]!);
        Assert.Equal("arn:${AWS::Partition}:kms:eu-west-1:999999999999:alias/webapp/audit/cloudtrail", Text(trail["KMSKeyId"]));
        Assert.Equal($"webapp-{environment}-audit-trail", (string)trail["TrailName"]!);
        // No audit bucket or trail key in the workload account.
        Assert.DoesNotContain(workload.OfType("AWS::S3::Bucket"), b => b.Resource.Properties()["ObjectLockEnabled"] is not null);
        Assert.DoesNotContain(workload.OfType("AWS::KMS::Alias"), a => ((string)a.Resource.Properties()["AliasName"]!).EndsWith("/cloudtrail", StringComparison.Ordinal));
    }

    [Fact]
    public void MON_01_no_stack_references_a_stack_of_another_account()
    {
        Assert.All(architecture.Templates.Values, template =>
        {
            var json = template.ToJsonString();
            Assert.DoesNotContain("Fn::ImportValue", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Export", template["Outputs"]?.ToJsonString() ?? "", StringComparison.Ordinal);
        });
    }

    [Fact]
    public void MON_01_audit_bucket_policy_admits_each_workload_trail_under_its_own_account_prefix()
    {
        var (bucketId, bucket) = Assert.Single(_audit.OfType("AWS::S3::Bucket"), b => b.Resource.Properties()["ObjectLockEnabled"] is not null);
        Assert.Equal(AuditBucketName, (string)bucket.Properties()["BucketName"]!);
        var statements = BucketPolicy(bucketId).Where(s => s.Effect() == "Allow").ToList();

        var acl = Assert.Single(statements, s => s.Actions().SequenceEqual(["s3:GetBucketAcl"]));
        Assert.Equal(TrailArns.Order(), acl.Condition("StringEquals", "aws:SourceArn").Order());
        var writes = statements.Where(s => s.Actions().SequenceEqual(["s3:PutObject"])).ToList();
        Assert.Equal(2, writes.Count);
        var account111 = Assert.Single(writes, w => Assert.Single(w.Resources()).EndsWith("/AWSLogs/111111111111/*", StringComparison.Ordinal));
        Assert.Equal(TrailArns.Take(2).Order(), account111.Condition("StringEquals", "aws:SourceArn").Order());
        var account333 = Assert.Single(writes, w => Assert.Single(w.Resources()).EndsWith("/AWSLogs/333333333333/*", StringComparison.Ordinal));
        Assert.Equal([TrailArns[2]], account333.Condition("StringEquals", "aws:SourceArn"));
        Assert.All(writes, w => Assert.Equal(["bucket-owner-full-control"], w.Condition("StringEquals", "s3:x-amz-acl")));
        Assert.All(statements, s => Assert.Equal(["cloudtrail.amazonaws.com"], s.ServicePrincipals()));
    }

    [Fact]
    public void MON_01_audit_key_policy_admits_each_workload_trail()
    {
        var (keyId, key) = Assert.Single(_audit.OfType("AWS::KMS::Key"), k => _audit.AliasesOf(k.LogicalId).Contains("alias/webapp/audit/cloudtrail"));
        Assert.Equal(["alias/webapp/audit/cloudtrail"], _audit.AliasesOf(keyId));
        Assert.True((bool)key.Properties()["EnableKeyRotation"]!);
        var statements = Statements(key.Properties()["KeyPolicy"]);

        var encrypt = Assert.Single(statements, s => s.Actions().Contains("kms:GenerateDataKey*"));
        Assert.Equal(TrailArns.Order(), encrypt.Condition("StringEquals", "aws:SourceArn").Order());
        Assert.Equal(
            ["arn:${AWS::Partition}:cloudtrail:*:111111111111:trail/*", "arn:${AWS::Partition}:cloudtrail:*:333333333333:trail/*"],
            encrypt.Condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn").Order());
        var describe = Assert.Single(statements, s => s.ServicePrincipals().Contains("cloudtrail.amazonaws.com") && s.Actions().Contains("kms:DescribeKey"));
        Assert.Equal(TrailArns.Order(), describe.Condition("StringEquals", "aws:SourceArn").Order());
        // Only the audit account decrypts the logs.
        var decrypt = Assert.Single(statements, s => s.Actions().Contains("kms:Decrypt"));
        Assert.Equal(["999999999999"], decrypt.Condition("StringEquals", "kms:CallerAccount"));
    }

    [Fact]
    public void MON_02_audit_account_bucket_is_locked_down_logged_and_protected_from_deletion()
    {
        var (bucketId, bucket) = Assert.Single(_audit.OfType("AWS::S3::Bucket"), b => b.Resource.Properties()["ObjectLockEnabled"] is not null);
        var properties = bucket.Properties();

        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], s => Assert.True((bool)properties["PublicAccessBlockConfiguration"]![s]!));
        Assert.Equal("Enabled", (string)properties["VersioningConfiguration"]!["Status"]!);
        Assert.Equal("GOVERNANCE", (string)properties["ObjectLockConfiguration"]!["Rule"]!["DefaultRetention"]!["Mode"]!);
        Assert.NotNull(properties["LoggingConfiguration"]);
        Assert.Equal("BucketOwnerEnforced", (string)properties["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]!);
        var deny = Assert.Single(BucketPolicy(bucketId), s => s.Effect() == "Deny" && s.Actions().Contains("s3:DeleteObjectVersion"));
        Assert.Contains("s3:BypassGovernanceRetention", deny.Actions());
    }

    [Fact]
    public void MON_03_global_resources_are_recorded_in_one_region_per_account()
    {
        bool RecordsGlobal(string environment) =>
            (bool)architecture.Workload(environment).Single("AWS::Config::ConfigurationRecorder").Resource.Properties()["RecordingGroup"]!["IncludeGlobalResourceTypes"]!;

        Assert.True(RecordsGlobal("dev"));
        Assert.False(RecordsGlobal("staging"));
        Assert.True(RecordsGlobal("prod"));
    }

    [Fact]
    public void MON_04_pci_dss_is_subscribed_when_configured()
    {
        Assert.Contains(
            architecture.Workload("prod").OfType("AWS::SecurityHub::Standard"),
            s => Text(s.Resource.Properties()["StandardsArn"]) == "arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/pci-dss/v/4.0.1");
    }

    [Fact]
    public void DATA_07_production_keeps_monitoring_logs_a_year()
    {
        Assert.All(architecture.Workload("prod").Monitoring("AWS::Logs::LogGroup"), g => Assert.Equal(365, (int)g.Resource.Properties()["RetentionInDays"]!));
        Assert.All(architecture.Workload("dev").Monitoring("AWS::Logs::LogGroup"), g => Assert.Equal(90, (int)g.Resource.Properties()["RetentionInDays"]!));
    }

    private IReadOnlyList<JsonObject> BucketPolicy(string bucketId) =>
        Statements(Assert.Single(_audit.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == bucketId).Resource.Properties()["PolicyDocument"]);
}
