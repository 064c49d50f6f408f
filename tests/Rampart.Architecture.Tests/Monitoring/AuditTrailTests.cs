using System.Text.Json.Nodes;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class AuditTrailTests(DefaultArchitecture architecture)
{
    private const string TrailArn = "arn:${AWS::Partition}:cloudtrail:eu-west-1:111111111111:trail/webapp-dev-audit-trail";

    private readonly TemplateView _template = architecture.Workload();

    private JsonObject Trail => _template.Single("AWS::CloudTrail::Trail").Resource;

    [Fact]
    public void MON_01_trail_is_multi_region_with_global_service_events_and_log_file_validation()
    {
        var trail = Trail.Properties();

        Assert.True((bool)trail["IsLogging"]!);
        Assert.True((bool)trail["IsMultiRegionTrail"]!);
        Assert.True((bool)trail["IncludeGlobalServiceEvents"]!);
        Assert.True((bool)trail["EnableLogFileValidation"]!);
        Assert.Equal("webapp-dev-audit-trail", (string)trail["TrailName"]!);
        var selector = Assert.Single(trail["EventSelectors"]!.AsArray())!;
        Assert.True((bool)selector["IncludeManagementEvents"]!);
        Assert.Equal("All", (string)selector["ReadWriteType"]!);
    }

    [Fact]
    public void MON_01_trail_is_encrypted_with_a_rotating_key_that_admits_only_this_trail()
    {
        var keyId = Target(Trail.Properties()["KMSKeyId"]);
        var key = _template.Resource(keyId);
        Assert.Equal("AWS::KMS::Key", (string)key["Type"]!);
        Assert.True((bool)key.Properties()["EnableKeyRotation"]!);
        Assert.Contains("alias/webapp/dev/cloudtrail", _template.AliasesOf(keyId));

        var statements = Statements(key.Properties()["KeyPolicy"]);
        var encrypt = Assert.Single(statements, s => s.Actions().Contains("kms:GenerateDataKey*"));
        Assert.Equal(["cloudtrail.amazonaws.com"], encrypt.ServicePrincipals());
        Assert.Equal([TrailArn], encrypt.Condition("StringEquals", "aws:SourceArn"));
        Assert.Equal(["arn:${AWS::Partition}:cloudtrail:*:111111111111:trail/*"], encrypt.Condition("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn"));
        var describe = Assert.Single(statements, s => s.ServicePrincipals().Contains("cloudtrail.amazonaws.com") && s.Actions().Contains("kms:DescribeKey"));
        Assert.Equal([TrailArn], describe.Condition("StringEquals", "aws:SourceArn"));
    }

    [Fact]
    public void MON_01_trail_sends_events_to_an_encrypted_log_group_with_retention_through_a_write_only_role()
    {
        var trail = Trail.Properties();
        var logGroup = _template.Resource(Target(trail["CloudWatchLogsLogGroupArn"])).Properties();
        Assert.Equal("/aws/cloudtrail/webapp-dev-audit-trail", (string)logGroup["LogGroupName"]!);
        Assert.NotNull(logGroup["KmsKeyId"]);
        Assert.Equal(90, (int)logGroup["RetentionInDays"]!);

        var roleId = Target(trail["CloudWatchLogsRoleArn"]);
        var trust = Assert.Single(Statements(_template.Resource(roleId).Properties()["AssumeRolePolicyDocument"]));
        Assert.Equal(["cloudtrail.amazonaws.com"], trust.ServicePrincipals());
        var permission = Assert.Single(_template.PolicyStatementsOfRole(roleId));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], permission.Actions());
        Assert.Equal(
            ["arn:${AWS::Partition}:logs:eu-west-1:111111111111:log-group:/aws/cloudtrail/webapp-dev-audit-trail:log-stream:111111111111_CloudTrail_*"],
            permission.Resources());
    }

    [Fact]
    public void MON_01_trail_records_data_events_of_the_sensitive_buckets()
    {
        var selector = Trail.Properties()["EventSelectors"]![0]!;
        var dataResource = Assert.Single(selector["DataResources"]!.AsArray())!;
        Assert.Equal("AWS::S3::Object", (string)dataResource["Type"]!);

        var configBucket = Target(_template.Single("AWS::Config::DeliveryChannel").Resource.Properties()["S3BucketName"]);
        Assert.Contains($"${{{configBucket}.Arn}}/", Texts(dataResource["Values"]));
        // Not the access-log bucket: the audit bucket logs its access there, so recording those writes would
        // feed the trail's own deliveries back into the trail.
        var accessLogs = Assert.Single(_template.OfType("AWS::S3::Bucket"), b => b.LogicalId.StartsWith("AccessLogsBucket", StringComparison.Ordinal)).LogicalId;
        Assert.DoesNotContain($"${{{accessLogs}.Arn}}/", Texts(dataResource["Values"]));
    }

    [Fact]
    public void MON_01_trail_delivers_to_the_dedicated_audit_bucket_once_its_policy_admits_the_trail()
    {
        var bucketId = Target(Trail.Properties()["S3BucketName"]);
        var bucket = _template.Resource(bucketId).Properties();
        Assert.True((bool)bucket["ObjectLockEnabled"]!);

        var policy = Assert.Single(_template.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == bucketId);
        Assert.Contains(policy.LogicalId, Trail.DependsOn());
    }

    [Fact]
    public void MON_02_audit_bucket_blocks_all_public_access_and_logs_its_access()
    {
        var bucket = AuditBucket().Properties();

        var block = bucket["PublicAccessBlockConfiguration"]!;
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], setting => Assert.True((bool)block[setting]!));
        Assert.Equal("BucketOwnerEnforced", (string)bucket["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]!);
        var accessLogs = _template.Resource(Target(bucket["LoggingConfiguration"]!["DestinationBucketName"]));
        Assert.Equal("AWS::S3::Bucket", (string)accessLogs["Type"]!);
    }

    [Fact]
    public void MON_02_audit_bucket_versions_and_object_locks_every_log_file()
    {
        var bucket = AuditBucket().Properties();

        Assert.Equal("Enabled", (string)bucket["VersioningConfiguration"]!["Status"]!);
        var lockConfiguration = bucket["ObjectLockConfiguration"]!;
        Assert.Equal("Enabled", (string)lockConfiguration["ObjectLockEnabled"]!);
        Assert.Equal("GOVERNANCE", (string)lockConfiguration["Rule"]!["DefaultRetention"]!["Mode"]!);
        Assert.Equal(365, (int)lockConfiguration["Rule"]!["DefaultRetention"]!["Days"]!);
        var encryption = bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
        Assert.Equal("aws:kms", (string)encryption["SSEAlgorithm"]!);
        // CloudTrail writes every file with the CloudTrail key; the bucket's default is the S3 key (one key per service).
        Assert.Equal(["alias/webapp/dev/s3"], _template.AliasesOf(Target(encryption["KMSMasterKeyID"])));
        Assert.Equal(["alias/webapp/dev/cloudtrail"], _template.AliasesOf(Target(Trail.Properties()["KMSKeyId"])));
    }

    [Fact]
    public void MON_02_audit_bucket_policy_denies_deletion_bypass_and_plain_http()
    {
        var statements = AuditBucketPolicy();

        var deny = Assert.Single(statements, s => s.Effect() == "Deny" && s.Actions().Contains("s3:DeleteObject"));
        Assert.Equal("*", (string)deny["Principal"]!["AWS"]!);
        Assert.Equal(["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"], deny.Actions());
        Assert.Empty(deny.Condition("Bool", "aws:SecureTransport"));
        var tls = Assert.Single(statements, s => s.Effect() == "Deny" && s.Condition("Bool", "aws:SecureTransport").SequenceEqual(["false"]));
        Assert.Equal(["s3:*"], tls.Actions());
    }

    [Fact]
    public void MON_02_audit_bucket_admits_only_this_trail_writing_under_its_account_prefix()
    {
        var statements = AuditBucketPolicy().Where(s => s.Effect() == "Allow").ToList();

        Assert.All(statements, s => Assert.Equal(["cloudtrail.amazonaws.com"], s.ServicePrincipals()));
        Assert.All(statements, s => Assert.Equal([TrailArn], s.Condition("StringEquals", "aws:SourceArn")));
        var write = Assert.Single(statements, s => s.Actions().SequenceEqual(["s3:PutObject"]));
        Assert.Equal(["bucket-owner-full-control"], write.Condition("StringEquals", "s3:x-amz-acl"));
        Assert.EndsWith("/AWSLogs/111111111111/*", Assert.Single(write.Resources()));
        Assert.Single(statements, s => s.Actions().SequenceEqual(["s3:GetBucketAcl"]));
    }

    private JsonObject AuditBucket() => _template.Resource(Target(Trail.Properties()["S3BucketName"]));

    private IReadOnlyList<JsonObject> AuditBucketPolicy()
    {
        var bucketId = Target(Trail.Properties()["S3BucketName"]);
        var policy = Assert.Single(_template.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == bucketId);
        return Statements(policy.Resource.Properties()["PolicyDocument"]);
    }
}
