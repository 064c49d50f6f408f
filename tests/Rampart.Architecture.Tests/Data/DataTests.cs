using System.Text.Json.Nodes;
using Rampart.Architecture.Data;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Data;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class DataTests(DefaultArchitecture architecture)
{
    /// <summary>Every service with a key of its own; the default architecture (phase 3, no audit account) uses them all.</summary>
    private static readonly string[] Services = Enum.GetValues<KeyService>().Select(ServiceKeys.AliasSegment).ToArray();

    private TemplateView Template => architecture.Workload();

    [Fact]
    public void DATA_01_database_storage_is_encrypted_with_the_rds_key()
    {
        var template = Template;
        var instance = template.PropertiesOf("AWS::RDS::DBInstance").Single();

        Assert.True((bool)instance["StorageEncrypted"]!);
        Assert.Equal(template.KeyIdOfAlias("alias/webapp/dev/rds"), TemplateQueries.ReferencedId(instance["KmsKeyId"]));
    }

    [Fact]
    public void DATA_02_postgres_parameter_group_forces_ssl()
    {
        var template = Template;
        var instance = template.PropertiesOf("AWS::RDS::DBInstance").Single();
        var parameterGroup = template.Resource(TemplateQueries.ReferencedId(instance["DBParameterGroupName"])!)["Properties"]!;

        Assert.Equal("postgres16", (string?)parameterGroup["Family"]);
        Assert.Equal("1", (string?)parameterGroup["Parameters"]!["rds.force_ssl"]);
        Assert.Equal("TLSv1.2", (string?)parameterGroup["Parameters"]!["ssl_min_protocol_version"]);
    }

    [Fact]
    public void DATA_02_mysql_parameter_group_requires_secure_transport()
    {
        var template = AdditionalArchitectures.MySql.Workload();
        var instance = template.PropertiesOf("AWS::RDS::DBInstance").Single();
        var parameterGroup = template.Resource(TemplateQueries.ReferencedId(instance["DBParameterGroupName"])!)["Properties"]!;

        Assert.Equal("mysql", (string?)instance["Engine"]);
        Assert.Equal("8.0.39", (string?)instance["EngineVersion"]);
        Assert.Equal("3306", (string?)instance["Port"]);
        Assert.Equal("mysql8.0", (string?)parameterGroup["Family"]);
        Assert.Equal("ON", (string?)parameterGroup["Parameters"]!["require_secure_transport"]);
    }

    [Fact]
    public void DATA_03_database_is_isolated_protected_backed_up_and_upgraded()
    {
        var template = Template;
        var instance = template.PropertiesOf("AWS::RDS::DBInstance").Single();
        var subnetGroup = template.Resource(TemplateQueries.ReferencedId(instance["DBSubnetGroupName"])!)["Properties"]!;
        var subnets = subnetGroup["SubnetIds"]!.AsArray().Select(TemplateQueries.ReferencedId).ToList();

        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.Contains("DatabaseSubnet", s, StringComparison.Ordinal));
        Assert.False((bool)instance["PubliclyAccessible"]!);
        Assert.True((bool)instance["DeletionProtection"]!);
        Assert.InRange((int)instance["BackupRetentionPeriod"]!, 7, 35);
        Assert.True((bool)instance["AutoMinorVersionUpgrade"]!);
        Assert.False((bool)instance["MultiAZ"]!);
        Assert.True((bool)instance["EnableIAMDatabaseAuthentication"]!);
        Assert.Equal("16.4", (string?)instance["EngineVersion"]);
        Assert.Equal("5432", (string?)instance["Port"]);
        Assert.Equal([template.Single("AWS::EC2::SecurityGroup", "NetworkDatabaseTierSecurityGroup")], instance["VPCSecurityGroups"]!.AsArray().Select(TemplateQueries.ReferencedId));
        Assert.Equal("Snapshot", (string?)template.OfType("AWS::RDS::DBInstance").Single().Resource["DeletionPolicy"]);
    }

    [Fact]
    public void DATA_03_production_database_is_multi_az_and_keeps_backups_longer()
    {
        var instance = AdditionalArchitectures.Production.Workload("prod").PropertiesOf("AWS::RDS::DBInstance").Single();

        Assert.True((bool)instance["MultiAZ"]!);
        Assert.Equal(30, (int)instance["BackupRetentionPeriod"]!);
        Assert.True((bool)instance["DeletionProtection"]!);
    }

    [Fact]
    public void DATA_03_database_logs_are_exported_to_their_own_log_groups()
    {
        var template = Template;
        var instanceResource = template.OfType("AWS::RDS::DBInstance").Single().Resource;
        var exports = TemplateQueries.Strings(instanceResource["Properties"]!["EnableCloudwatchLogsExports"]);
        var groups = template.PropertiesOf("AWS::Logs::LogGroup").Select(g => (string?)g["LogGroupName"]).ToList();

        Assert.Equal(["postgresql", "upgrade"], exports);
        Assert.All(exports, e => Assert.Contains($"/aws/rds/instance/webapp-dev-database/{e}", groups));
        // The groups exist before the instance writes to them, or RDS would create unencrypted ones.
        var groupIds = template.OfType("AWS::Logs::LogGroup")
            .Where(g => ((string?)g.Resource["Properties"]!["LogGroupName"])?.StartsWith("/aws/rds/instance/", StringComparison.Ordinal) == true)
            .Select(g => g.LogicalId)
            .ToList();
        Assert.Equal(2, groupIds.Count);
        Assert.All(groupIds, id => Assert.Contains(id, TemplateQueries.Strings(instanceResource["DependsOn"])));
    }

    [Fact]
    public void DATA_04_ebs_encryption_by_default_is_turned_on_with_the_ebs_key()
    {
        var template = Template;
        var ebsKey = template.KeyIdOfAlias("alias/webapp/dev/ebs");
        var calls = template.OfType("Custom::AWS").Select(c => (c.LogicalId, Create: c.Resource["Properties"]!["Create"]!)).ToList();

        var enable = Assert.Single(calls, c => c.Create.ToJsonString().Contains("enableEbsEncryptionByDefault", StringComparison.Ordinal));
        var setKey = Assert.Single(calls, c => c.Create.ToJsonString().Contains("modifyEbsDefaultKmsKeyId", StringComparison.Ordinal));
        Assert.Contains(ebsKey, TemplateQueries.ReferencedIds(setKey.Create));
        Assert.Contains(enable.LogicalId, TemplateQueries.Strings(template.Resource(setKey.LogicalId)["DependsOn"]));
        Assert.All(template.OfType("Custom::AWS"), c => Assert.False((bool)c.Resource["Properties"]!["InstallLatestAwsSdk"]!));
    }

    [Fact]
    public void DATA_04_ebs_custom_resource_role_may_only_set_the_encryption_default()
    {
        var template = Template;
        var roleId = template.Single("AWS::IAM::Role", "EbsEncryptionByDefaultRole");
        // The function is the one the construct's own custom resources call, whatever else the stack holds.
        var functions = template.OfType("Custom::AWS")
            .Where(c => c.LogicalId.StartsWith("EbsEncryptionByDefault", StringComparison.Ordinal))
            .Select(c => TemplateQueries.ReferencedId(c.Resource["Properties"]!["ServiceToken"])!)
            .Distinct()
            .ToList();
        var function = template.Resource(Assert.Single(functions));
        var statements = template.StatementsOfRole(roleId);

        Assert.Equal(roleId, TemplateQueries.ReferencedId(function["Properties"]!["Role"]));
        Assert.Equal(
            new[] { "ec2:EnableEbsEncryptionByDefault", "ec2:ModifyEbsDefaultKmsKeyId", "kms:DescribeKey", "logs:CreateLogStream", "logs:PutLogEvents" },
            statements.SelectMany(s => s.Actions).Distinct().Order());
        Assert.All(statements.Where(s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal))), s =>
            Assert.Equal(template.KeyIdOfAlias("alias/webapp/dev/ebs"), TemplateQueries.ReferencedId(s.Statement["Resource"])));
        Assert.Null(template.Resource(roleId)["Properties"]!["ManagedPolicyArns"]);
    }

    [Fact]
    public void DATA_05_buckets_are_kms_encrypted_private_tls_only_versioned_and_logged()
    {
        var template = Template;
        var s3Key = template.KeyIdOfAlias("alias/webapp/dev/s3");
        var buckets = template.OfType("AWS::S3::Bucket");
        var logTargets = buckets
            .Select(b => TemplateQueries.ReferencedId(b.Resource["Properties"]!["LoggingConfiguration"]?["DestinationBucketName"]))
            .OfType<string>()
            .ToHashSet();
        Assert.True(buckets.Count >= 2);
        Assert.Equal([template.Single("AWS::S3::Bucket", "AccessLogsBucket")], logTargets);

        Assert.All(buckets, bucket =>
        {
            var properties = bucket.Resource["Properties"]!;
            var encryption = properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
            if (logTargets.Contains(bucket.LogicalId))
            {
                // S3 server access logs can only be delivered to SSE-S3 buckets.
                Assert.Equal("AES256", (string?)encryption["SSEAlgorithm"]);
                Assert.Null(properties["LoggingConfiguration"]);
            }
            else
            {
                Assert.Equal("aws:kms", (string?)encryption["SSEAlgorithm"]);
                Assert.Equal(s3Key, TemplateQueries.ReferencedId(encryption["KMSMasterKeyID"]));
                Assert.NotNull(properties["LoggingConfiguration"]);
            }

            var block = properties["PublicAccessBlockConfiguration"]!.AsObject();
            Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }, k => Assert.True((bool)block[k]!));
            Assert.Equal("Enabled", (string?)properties["VersioningConfiguration"]!["Status"]);
            Assert.Equal("BucketOwnerEnforced", (string?)properties["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]);
            Assert.Null(properties["AccessControl"]);
            Assert.NotEmpty(properties["LifecycleConfiguration"]!["Rules"]!.AsArray());

            var policy = template.ResourceStatements().Where(s => s.Kind == "AWS::S3::BucketPolicy"
                && TemplateQueries.ReferencedId(template.Resource(s.LogicalId)["Properties"]!["Bucket"]) == bucket.LogicalId).ToList();
            Assert.Contains(policy, s => !s.IsAllow && (string?)s.ConditionValue("Bool", "aws:SecureTransport") == "false");
            Assert.DoesNotContain(policy, s => s.IsAllow && TemplateQueries.Strings(s.Statement["Principal"]?["AWS"]).Contains("*"));
            Assert.DoesNotContain(policy, s => s.IsAllow && s.Statement["Principal"] is JsonValue);
        });
    }

    [Fact]
    public void DATA_05_access_log_bucket_admits_only_log_delivery_from_this_account()
    {
        var template = Template;
        var target = template.Single("AWS::S3::Bucket", "AccessLogsBucket");
        var allows = template.ResourceStatements().Where(s => s.Kind == "AWS::S3::BucketPolicy" && s.IsAllow
            && TemplateQueries.ReferencedId(template.Resource(s.LogicalId)["Properties"]!["Bucket"]) == target).ToList();

        var sources = template.OfType("AWS::S3::Bucket")
            .Where(b => TemplateQueries.ReferencedId(b.Resource["Properties"]!["LoggingConfiguration"]?["DestinationBucketName"]) == target)
            .Select(b => b.LogicalId)
            .Order(StringComparer.Ordinal)
            .ToList();

        // One delivery statement per bucket that logs here (the platform's, Config's and the audit bucket), each
        // pinned to its source bucket and this account: nothing else may write.
        Assert.Contains(template.Single("AWS::S3::Bucket", "LogsBucket"), sources);
        Assert.True(sources.Count >= 3, $"expected every bucket of the stack to log here, found {string.Join(", ", sources)}");
        var serverAccessLogging = allows.Where(s => (string?)s.Statement["Principal"]?["Service"] == "logging.s3.amazonaws.com").ToList();
        Assert.All(serverAccessLogging, statement =>
        {
            Assert.Equal(["s3:PutObject"], statement.Actions);
            Assert.Equal("111111111111", (string?)statement.ConditionValue("StringEquals", "aws:SourceAccount"));
        });
        Assert.Equal(sources, serverAccessLogging.Select(a => TemplateQueries.ReferencedId(a.ConditionValue("ArnLike", "aws:SourceArn"))!).Order(StringComparer.Ordinal));

        // The load balancer's access logs, which ELB also writes only to SSE-S3 buckets (docs/edge-and-containers.md):
        // every other statement is ELB log delivery, and writes only under this account's prefix.
        Assert.All(allows.Except(serverAccessLogging), s =>
        {
            Assert.Subset(new HashSet<string> { "s3:PutObject", "s3:GetBucketAcl" }, s.Actions.ToHashSet());
            var principal = s.Statement["Principal"]!.ToJsonString();
            Assert.True(
                principal.Contains(":iam::156460612806:root", StringComparison.Ordinal) || principal.Contains("delivery.logs.amazonaws.com", StringComparison.Ordinal),
                $"not ELB log delivery for eu-west-1: {s}");
            if (s.Actions.Contains("s3:PutObject"))
            {
                Assert.EndsWith("/load-balancer/AWSLogs/111111111111/*\"]]}", s.Statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void DATA_06_one_rotating_customer_managed_key_per_service_with_its_alias()
    {
        var template = Template;
        var keyIds = Services.Select(s => template.KeyIdOfAlias($"alias/webapp/dev/{s}")).ToList();

        Assert.Equal(Services.Length, keyIds.Distinct().Count());
        Assert.All(keyIds, id =>
        {
            var key = template.Resource(id)["Properties"]!;
            Assert.True((bool)key["EnableKeyRotation"]!);
            Assert.Equal(30, (int)key["PendingWindowInDays"]!);
        });
    }

    [Fact]
    public void DATA_06_each_service_uses_its_own_key()
    {
        var template = Template;
        string KeyOf(string service) => template.KeyIdOfAlias($"alias/webapp/dev/{service}");

        Assert.Equal(KeyOf("rds"), TemplateQueries.ReferencedId(template.PropertiesOf("AWS::RDS::DBInstance").Single()["KmsKeyId"]));
        Assert.Equal(KeyOf("secrets"), TemplateQueries.ReferencedId(template.Resource(template.Single("AWS::SecretsManager::Secret", "DatabaseCredentials"))["Properties"]!["KmsKeyId"]));
        Assert.Equal(KeyOf("ecr"), TemplateQueries.ReferencedId(template.PropertiesOf("AWS::ECR::Repository").Single()["EncryptionConfiguration"]!["KmsKey"]));
        Assert.All(template.PropertiesOf("AWS::Logs::LogGroup"), g => Assert.Equal(KeyOf("logs"), TemplateQueries.ReferencedId(g["KmsKeyId"])));
        Assert.Equal(KeyOf("cloudtrail"), TemplateQueries.ReferencedId(template.PropertiesOf("AWS::CloudTrail::Trail").Single()["KMSKeyId"]));
        Assert.Equal(KeyOf("config"), TemplateQueries.ReferencedId(template.PropertiesOf("AWS::Config::DeliveryChannel").Single()["S3KmsKeyArn"]));
        Assert.Equal(KeyOf("alerts"), TemplateQueries.ReferencedId(template.PropertiesOf("AWS::SNS::Topic").Single()["KmsMasterKeyId"]));
        var viaServices = new Dictionary<string, string>
        {
            ["rds"] = "rds",
            ["ebs"] = "ec2",
            ["s3"] = "s3",
            ["secrets"] = "secretsmanager",
            ["ecr"] = "ecr",
            ["ssm"] = "ssm",
        };
        foreach (var (service, via) in viaServices)
        {
            var statements = template.ResourceStatements().Where(s => s.LogicalId == KeyOf(service) && s.ConditionValue("StringEquals", "kms:ViaService") is not null);
            Assert.All(statements, s => Assert.Equal($"{via}.eu-west-1.amazonaws.com", (string?)s.ConditionValue("StringEquals", "kms:ViaService")));
            Assert.NotEmpty(statements);
        }
    }

    [Fact]
    public void DATA_07_every_log_group_is_encrypted_with_the_logs_key_and_expires()
    {
        var template = Template;
        var logsKey = template.KeyIdOfAlias("alias/webapp/dev/logs");
        var groups = template.PropertiesOf("AWS::Logs::LogGroup");

        Assert.True(groups.Count >= 5);
        Assert.All(groups, g =>
        {
            Assert.Equal(logsKey, TemplateQueries.ReferencedId(g["KmsKeyId"]));
            Assert.True((int?)g["RetentionInDays"] > 0, $"log group without retention: {g.ToJsonString()}");
        });
        // This part's own groups keep the environment's retention: three months outside production.
        var own = OwnLogGroups(groups, "dev");
        Assert.Equal(4, own.Count);
        Assert.All(own, g => Assert.Equal(90, (int)g["RetentionInDays"]!));
    }

    [Fact]
    public void DATA_07_production_logs_are_kept_a_year()
    {
        var groups = OwnLogGroups(AdditionalArchitectures.Production.Workload("prod").PropertiesOf("AWS::Logs::LogGroup"), "prod");

        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.Equal(365, (int)g["RetentionInDays"]!));
    }

    private static List<JsonObject> OwnLogGroups(IReadOnlyList<JsonObject> groups, string environment) =>
        groups.Where(g => (string?)g["LogGroupName"] is { } name
                && (name == $"/webapp/{environment}/app" || name.StartsWith($"/aws/rds/instance/webapp-{environment}-database/", StringComparison.Ordinal)
                    || name == $"/aws/lambda/webapp-{environment}-database-rotation"))
            .ToList();

    [Fact]
    public void DATA_07_logs_key_admits_cloudwatch_logs_only_for_this_accounts_log_groups()
    {
        var template = Template;
        var statements = template.ResourceStatements().Where(s => s.LogicalId == template.KeyIdOfAlias("alias/webapp/dev/logs") && s.IsAllow).ToList();
        var logs = Assert.Single(statements, s => s.Statement["Principal"]?["Service"] is not null);

        Assert.Equal("logs.eu-west-1.amazonaws.com", (string?)logs.Statement["Principal"]!["Service"]);
        Assert.EndsWith(":logs:eu-west-1:111111111111:log-group:*\"]]}", logs.ConditionValue("ArnLike", "kms:EncryptionContext:aws:logs:arn")!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CTR_09_repository_scans_on_push_is_encrypted_immutable_with_lifecycle_and_no_policy()
    {
        var repository = Template.PropertiesOf("AWS::ECR::Repository").Single();

        Assert.Equal("webapp", (string?)repository["RepositoryName"]);
        Assert.True((bool)repository["ImageScanningConfiguration"]!["ScanOnPush"]!);
        Assert.Equal("KMS", (string?)repository["EncryptionConfiguration"]!["EncryptionType"]);
        Assert.Equal("IMMUTABLE", (string?)repository["ImageTagMutability"]);
        var rules = JsonNode.Parse((string)repository["LifecyclePolicy"]!["LifecyclePolicyText"]!)!["rules"]!.AsArray();
        Assert.Contains(rules, r => (string?)r!["selection"]!["tagStatus"] == "untagged");
        Assert.Contains(rules, r => (string?)r!["selection"]!["countType"] == "imageCountMoreThan");
        Assert.Null(repository["RepositoryPolicyText"]);
    }

    [Fact]
    public void Phase_1_deploys_no_database_secrets_or_parameters_but_all_encryption()
    {
        var template = AdditionalArchitectures.Foundation.Workload();

        foreach (var type in new[] { "AWS::RDS::DBInstance", "AWS::SecretsManager::Secret", "AWS::SSM::Parameter" })
        {
            Assert.Empty(template.OfType(type));
        }

        Assert.Null(template.Json["Transform"]);
        foreach (var service in new[] { "ebs", "s3", "logs", "ecr" })
        {
            Assert.NotNull(template.KeyIdOfAlias($"alias/webapp/dev/{service}"));
        }

        Assert.NotNull(template.Single("AWS::S3::Bucket", "AccessLogsBucket"));
        Assert.NotNull(template.Single("AWS::S3::Bucket", "LogsBucket"));
        Assert.Equal(2, template.OfType("Custom::AWS").Count(c => c.LogicalId.StartsWith("EbsEncryptionByDefault", StringComparison.Ordinal)));
        Assert.NotNull(template.Single("AWS::ECR::Repository", "ContainerRepository"));
    }
}
