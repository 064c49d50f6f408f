using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Rampart.Architecture.Data;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Data;

/// <summary>The data constructs used on their own, with their own props: validation before construction.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class DataConstructTests
{
    [Theory]
    [InlineData(6, 30, "BackupRetentionDays is 6")]
    [InlineData(36, 30, "BackupRetentionDays is 36")]
    [InlineData(7, 31, "RotationDays is 31")]
    [InlineData(7, 0, "RotationDays is 0")]
    public void DATA_03_and_SEC_02_database_props_outside_the_controls_are_refused(int backupDays, int rotationDays, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Database(new ConstructHarness(), backupDays, rotationDays, "/dev/webapp/database/credentials"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void SEC_04_database_secret_name_outside_the_convention_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Database(new ConstructHarness(), 7, 30, "webapp-db-password"));

        Assert.Contains("/<environment>/<application>/<component>/<secret-type>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_05_bucket_without_a_key_or_access_logs_is_refused()
    {
        var harness = new ConstructHarness();
        var keys = Keys(harness);

        var noKey = Assert.Throws<ArgumentException>(() => new SecureBucket(harness.Stack, "NoKey", new SecureBucketProps()));
        var noLogs = Assert.Throws<ArgumentException>(() => new SecureBucket(harness.Stack, "NoLogs", new SecureBucketProps { EncryptionKey = keys.For(KeyService.S3) }));
        var keyedTarget = Assert.Throws<ArgumentException>(() => new SecureBucket(harness.Stack, "KeyedTarget", new SecureBucketProps
        {
            ServerAccessLogsTarget = true,
            EncryptionKey = keys.For(KeyService.S3),
        }));

        Assert.Contains("EncryptionKey is missing", noKey.Message, StringComparison.Ordinal);
        Assert.Contains("ServerAccessLogsBucket is missing", noLogs.Message, StringComparison.Ordinal);
        Assert.Contains("SSE-S3", keyedTarget.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_06_key_names_outside_the_convention_are_refused()
    {
        var harness = new ConstructHarness();

        var error = Assert.Throws<ArgumentException>(() => new ServiceKeys(harness.Stack, "Keys", new ServiceKeysProps { Application = "Web App", Environment = "dev" }));

        Assert.Contains("application 'Web App'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_06_keys_are_created_only_for_services_that_ask()
    {
        var harness = new ConstructHarness();
        var keys = Keys(harness);
        var first = keys.For(KeyService.Rds);

        Assert.Same(first, keys.For(KeyService.Rds));
        var template = harness.Synthesize();
        Assert.Single(template.OfType("AWS::KMS::Key"));
        Assert.Equal("alias/shop/test/rds", (string?)template.PropertiesOf("AWS::KMS::Alias").Single()["AliasName"]);
    }

    [Fact]
    public void DATA_06_a_second_set_of_keys_for_the_same_workload_is_refused()
    {
        var harness = new ConstructHarness();
        _ = Keys(harness);
        _ = new ServiceKeys(harness.Stack, "OtherEnvironment", new ServiceKeysProps { Application = "shop", Environment = "prod" });

        var error = Assert.Throws<ArgumentException>(() => new ServiceKeys(harness.Stack, "MoreKeys", new ServiceKeysProps { Application = "shop", Environment = "test" }));

        Assert.Contains("Harness/MoreKeys: the stack already has the keys of shop/test at Harness/Keys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void DATA_04_IAM_02_another_aws_custom_resource_cannot_share_the_ebs_role()
    {
        var harness = new ConstructHarness();
        var keys = Keys(harness);
        _ = new EbsEncryptionByDefault(harness.Stack, "Ebs", new EbsEncryptionByDefaultProps
        {
            EncryptionKey = keys.For(KeyService.Ebs),
            LogEncryptionKey = keys.For(KeyService.Logs),
        });
        var call = new AwsSdkCall { Service = "EC2", Action = "describeVpcs", PhysicalResourceId = PhysicalResourceId.Of("vpcs") };
        _ = new AwsCustomResource(harness.Stack, "Other", new AwsCustomResourceProps
        {
            OnCreate = call,
            Policy = AwsCustomResourcePolicy.FromSdkCalls(new SdkCallsPolicyOptions { Resources = AwsCustomResourcePolicy.ANY_RESOURCE }),
        });

        // The CDK would run both in one function with the EBS role, which would then hold ec2:DescribeVpcs too.
        var error = Assert.ThrowsAny<Exception>(() => harness.Synthesize());

        Assert.Contains("Harness/Other: an AwsCustomResource in the stack of Harness/Ebs would run with its role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_07_aspect_encrypts_and_expires_log_groups_made_by_other_constructs()
    {
        var harness = new ConstructHarness();
        var keys = Keys(harness);
        Amazon.CDK.Aspects.Of(harness.Stack).Add(new LogGroupEncryptionAspect(keys.For(KeyService.Logs), RetentionDays.SIX_MONTHS));
        _ = new CfnLogGroup(harness.Stack, "Bare", new CfnLogGroupProps { LogGroupName = "/someone/else" });
        _ = new CfnLogGroup(harness.Stack, "OwnRetention", new CfnLogGroupProps { LogGroupName = "/someone/keeps", RetentionInDays = 7 });

        var template = harness.Synthesize();
        var logsKey = template.KeyIdOfAlias("alias/shop/test/logs");
        var bare = template.PropertiesOf("AWS::Logs::LogGroup").Single(g => (string?)g["LogGroupName"] == "/someone/else");
        var own = template.PropertiesOf("AWS::Logs::LogGroup").Single(g => (string?)g["LogGroupName"] == "/someone/keeps");

        Assert.Equal(logsKey, TemplateQueries.ReferencedId(bare["KmsKeyId"]));
        Assert.Equal(180, (int)bare["RetentionInDays"]!);
        Assert.Equal(7, (int)own["RetentionInDays"]!);
        Assert.Equal(logsKey, TemplateQueries.ReferencedId(own["KmsKeyId"]));
    }

    [Fact]
    public void DATA_07_log_group_without_retention_is_refused()
    {
        var harness = new ConstructHarness();
        var keys = Keys(harness);

        var error = Assert.Throws<ArgumentException>(() => new EncryptedLogGroup(harness.Stack, "Forever", new EncryptedLogGroupProps
        {
            EncryptionKey = keys.For(KeyService.Logs),
            Retention = RetentionDays.INFINITE,
        }));

        Assert.Contains("finite retention", error.Message, StringComparison.Ordinal);
    }

    private static ServiceKeys Keys(ConstructHarness harness) =>
        new(harness.Stack, "Keys", new ServiceKeysProps { Application = "shop", Environment = "test" });

    private static EncryptedDatabase Database(ConstructHarness harness, int backupDays, int rotationDays, string secretName)
    {
        var keys = Keys(harness);
        var vpc = new Vpc(harness.Stack, "Vpc", new VpcProps { MaxAzs = 2 });
        var group = new SecurityGroup(harness.Stack, "Group", new SecurityGroupProps { Vpc = vpc, AllowAllOutbound = false });
        return new EncryptedDatabase(harness.Stack, "Database", new EncryptedDatabaseProps
        {
            Vpc = vpc,
            Subnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            SecurityGroup = group,
            StorageEncryptionKey = keys.For(KeyService.Rds),
            CredentialsEncryptionKey = keys.For(KeyService.Secrets),
            LogEncryptionKey = keys.For(KeyService.Logs),
            InstanceIdentifier = "shop-test-database",
            CredentialsSecretName = secretName,
            RotationSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            RotationSecurityGroup = group,
            BackupRetentionDays = backupDays,
            RotationDays = rotationDays,
        });
    }
}
