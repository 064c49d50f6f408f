using System.Text.Json.Nodes;
using Rampart.Architecture.Tests.Identity;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>The cross-cutting controls (IAM, DATA) applied to everything the monitoring section creates.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class MonitoringHardeningTests(DefaultArchitecture architecture)
{
    private static readonly string[] CryptographicActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:*"];

    /// <summary>The keys of the monitoring services: the stack's service keys, found by alias.</summary>
    private static readonly string[] MonitoringKeyAliases = ["alias/webapp/dev/alerts", "alias/webapp/dev/cloudtrail", "alias/webapp/dev/config"];

    private readonly TemplateView _template = architecture.Workload();

    private IReadOnlyList<(string LogicalId, JsonObject Resource)> MonitoringKeys =>
        _template.OfType("AWS::KMS::Key").Where(k => _template.AliasesOf(k.LogicalId).Any(MonitoringKeyAliases.Contains)).ToList();

    [Fact]
    public void IAM_01_02_monitoring_policies_name_actions_and_use_star_resources_only_where_no_arn_exists()
    {
        var statements = _template.Monitoring("AWS::IAM::Policy").SelectMany(p => Statements(p.Resource.Properties()["PolicyDocument"])).ToList();
        Assert.NotEmpty(statements);

        Assert.All(statements.SelectMany(s => s.Actions()), action =>
        {
            Assert.NotEqual("*", action);
            Assert.False(action.EndsWith(":*", StringComparison.Ordinal), $"{action} is a service-wide wildcard");
        });
        Assert.All(statements.Where(s => s.Resources().Contains("*")), s =>
            Assert.All(s.Actions(), action => Assert.True(IamExceptions.HasNoResourceArn(action), $"{action} on Resource * has resource ARNs")));
        // cloudwatch:PutMetricData has no ARN; its namespace condition is the scope.
        Assert.All(statements.Where(s => s.Actions().Contains("cloudwatch:PutMetricData")), s =>
            Assert.NotEmpty(s.Condition("StringEquals", "cloudwatch:namespace")));
    }

    [Fact]
    public void IAM_06_monitoring_roles_trust_one_service_with_a_source_condition()
    {
        // The one documented exception (IamExceptions.TrailLogsDeliveryRoleReason), identified by the trail that names it.
        var excepted = IamExceptions.RolesTrustedWithoutSourceCondition(_template);
        Assert.Equal([Target(_template.Single("AWS::CloudTrail::Trail").Resource.Properties()["CloudWatchLogsRoleArn"])], excepted);
        var roles = _template.Monitoring("AWS::IAM::Role").Where(r => !excepted.Contains(r.LogicalId)).ToList();
        Assert.True(roles.Count >= 7, $"expected the monitoring roles, found {roles.Count}");

        Assert.All(roles, role =>
        {
            var trust = Assert.Single(Statements(role.Resource.Properties()["AssumeRolePolicyDocument"]));
            Assert.Single(trust.ServicePrincipals());
            Assert.Null(trust["Principal"]!["AWS"]);
            Assert.True(
                trust.Condition("StringEquals", "aws:SourceAccount").Count > 0 || trust.Condition("ArnLike", "aws:SourceArn").Count > 0,
                $"{role.LogicalId} trusts its service without aws:SourceAccount or aws:SourceArn");
        });
    }

    [Fact]
    public void IAM_09_monitoring_key_policies_separate_administration_from_use()
    {
        var keys = MonitoringKeys;
        Assert.Equal(3, keys.Count);

        Assert.All(keys, key =>
        {
            var statements = Statements(key.Resource.Properties()["KeyPolicy"]);
            var administration = Assert.Single(statements, s => s.Actions().Contains("kms:PutKeyPolicy"));
            Assert.DoesNotContain(administration.Actions(), a => CryptographicActions.Any(c => a.StartsWith(c, StringComparison.Ordinal)));
            Assert.All(statements, s =>
            {
                Assert.DoesNotContain("kms:*", s.Actions());
                var anyone = s["Principal"] is JsonValue everyone ? everyone.ToString() == "*" : Texts(s["Principal"]?["AWS"]).Contains("*");
                Assert.False(anyone && s["Condition"] is null, $"{key.LogicalId}: {s["Sid"]} grants everyone without a condition");
                // Use by a service principal is always conditioned on the source or the encryption context.
                if (s.ServicePrincipals().Count > 0)
                {
                    Assert.NotNull(s["Condition"]);
                }
            });
        });
    }

    [Fact]
    public void DATA_06_monitoring_encrypts_with_the_stacks_service_keys_and_brings_none_of_its_own()
    {
        Assert.Empty(_template.Monitoring("AWS::KMS::Key"));
        var keyOf = new Dictionary<string, string>
        {
            ["alias/webapp/dev/cloudtrail"] = Target(_template.Single("AWS::CloudTrail::Trail").Resource.Properties()["KMSKeyId"]),
            ["alias/webapp/dev/config"] = Target(_template.Single("AWS::Config::DeliveryChannel").Resource.Properties()["S3KmsKeyArn"]),
            ["alias/webapp/dev/alerts"] = Target(_template.Single("AWS::SNS::Topic").Resource.Properties()["KmsMasterKeyId"]),
        };

        Assert.Equal(MonitoringKeyAliases, keyOf.Keys.Order());
        Assert.All(keyOf, entry =>
        {
            Assert.Equal([entry.Key], _template.AliasesOf(entry.Value));
            Assert.True((bool)_template.Resource(entry.Value).Properties()["EnableKeyRotation"]!);
        });
        Assert.Equal(3, keyOf.Values.Distinct().Count());
    }

    [Fact]
    public void DATA_05_monitoring_buckets_block_public_access_require_tls_and_version_objects()
    {
        var buckets = _template.Monitoring("AWS::S3::Bucket");
        Assert.Equal(2, buckets.Count);

        Assert.All(buckets, bucket =>
        {
            var properties = bucket.Resource.Properties();
            var block = properties["PublicAccessBlockConfiguration"]!;
            Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], setting => Assert.True((bool)block[setting]!));
            Assert.Equal("Enabled", (string)properties["VersioningConfiguration"]!["Status"]!);
            var policy = Assert.Single(_template.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == bucket.LogicalId);
            var statements = Statements(policy.Resource.Properties()["PolicyDocument"]);
            Assert.Contains(statements, s => s.Effect() == "Deny" && s.Condition("Bool", "aws:SecureTransport").SequenceEqual(["false"]));
            Assert.Contains(statements, s => s.Effect() == "Deny" && s.Condition("NumericLessThan", "s3:TlsVersion").SequenceEqual(["1.2"]));
        });
    }

    [Fact]
    public void DATA_05_monitoring_buckets_use_sse_kms_and_log_access_to_the_stacks_access_log_bucket()
    {
        var buckets = _template.Monitoring("AWS::S3::Bucket");
        var s3Key = Assert.Single(_template.OfType("AWS::KMS::Key"), k => _template.AliasesOf(k.LogicalId).Contains("alias/webapp/dev/s3")).LogicalId;
        var accessLogTargets = buckets
            .Select(b => Target(b.Resource.Properties()["LoggingConfiguration"]!["DestinationBucketName"]))
            .Distinct()
            .ToList();
        // One access-log bucket for the whole stack: the data section's, not one of monitoring's own.
        var accessLogBucket = Assert.Single(accessLogTargets);
        Assert.StartsWith("AccessLogsBucket", accessLogBucket, StringComparison.Ordinal);

        Assert.All(buckets, bucket =>
        {
            var encryption = bucket.Resource.Properties()["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
            Assert.Equal("aws:kms", (string)encryption["SSEAlgorithm"]!);
            Assert.Equal(s3Key, Target(encryption["KMSMasterKeyID"]));
        });
        // S3 server access logging delivers only to SSE-S3 buckets; its policy admits the logging service of this account only.
        var logs = _template.Resource(accessLogBucket).Properties();
        Assert.Equal("AES256", (string)logs["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!);
        var policy = Assert.Single(_template.OfType("AWS::S3::BucketPolicy"), p => Target(p.Resource.Properties()["Bucket"]) == accessLogBucket);
        var deliveries = Statements(policy.Resource.Properties()["PolicyDocument"]).Where(s => s.ServicePrincipals().Contains("logging.s3.amazonaws.com")).ToList();
        Assert.NotEmpty(deliveries);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(["111111111111"], d.Condition("StringEquals", "aws:SourceAccount"));
            Assert.NotEmpty(d.Condition("ArnLike", "aws:SourceArn"));
        });
        Assert.Null(logs["AccessControl"]);
    }

    [Fact]
    public void DATA_07_monitoring_log_groups_are_kms_encrypted_and_retained()
    {
        var logGroups = _template.Monitoring("AWS::Logs::LogGroup");
        Assert.Equal(4, logGroups.Count);

        var logsKey = Assert.Single(_template.OfType("AWS::KMS::Key"), k => _template.AliasesOf(k.LogicalId).Contains("alias/webapp/dev/logs")).LogicalId;
        Assert.All(logGroups, g =>
        {
            Assert.Equal(logsKey, Target(g.Resource.Properties()["KmsKeyId"]));
            Assert.Equal(90, (int)g.Resource.Properties()["RetentionInDays"]!);
        });
    }

    [Fact]
    public void Monitoring_resources_form_no_dependency_cycle()
    {
        var resources = _template.ResourceSection;
        var edges = resources.ToDictionary(
            r => r.Key,
            r => References(r.Value!["Properties"]).Concat(r.Value!.AsObject().DependsOn()).Where(resources.ContainsKey).Distinct().ToList());

        var state = new Dictionary<string, bool>();
        bool Visit(string id)
        {
            if (state.TryGetValue(id, out var done))
            {
                return done;
            }

            state[id] = false;
            foreach (var next in edges[id])
            {
                if (state.TryGetValue(next, out var finished) && !finished)
                {
                    return false;
                }

                if (!Visit(next))
                {
                    return false;
                }
            }

            state[id] = true;
            return true;
        }

        Assert.All(edges.Keys, id => Assert.True(Visit(id), $"{id} is on a dependency cycle"));
    }
}
