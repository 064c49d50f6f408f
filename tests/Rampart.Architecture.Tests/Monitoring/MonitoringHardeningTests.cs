using System.Text.Json.Nodes;
using static Rampart.Architecture.Tests.Monitoring.TemplateQueries;

namespace Rampart.Architecture.Tests.Monitoring;

/// <summary>The cross-cutting controls (IAM, DATA) applied to everything the monitoring section creates.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class MonitoringHardeningTests(DefaultArchitecture architecture)
{
    // Actions that support no resource ARN, the only ones allowed on Resource "*" (IAM-02).
    private static readonly HashSet<string> ActionsWithoutResourceArns =
    [
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSecurityGroupRules",
        "ec2:EnableEbsEncryptionByDefault",
        "ec2:GetEbsEncryptionByDefault",
        "cloudwatch:PutMetricData",
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups",
    ];

    private static readonly string[] CryptographicActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:*"];

    private readonly TemplateView _template = architecture.Workload();

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
            Assert.All(s.Actions(), action => Assert.Contains(action, ActionsWithoutResourceArns)));
        // cloudwatch:PutMetricData has no ARN; its namespace condition is the scope.
        Assert.All(statements.Where(s => s.Actions().Contains("cloudwatch:PutMetricData")), s =>
            Assert.NotEmpty(s.Condition("StringEquals", "cloudwatch:namespace")));
    }

    [Fact]
    public void IAM_06_monitoring_roles_trust_one_service_with_a_source_condition()
    {
        var roles = _template.Monitoring("AWS::IAM::Role")
            // CloudTrail documents that its CloudWatch Logs role supports neither aws:SourceArn nor aws:SourceAccount.
            .Where(r => !r.LogicalId.Contains("AuditTrailLogsDeliveryRole", StringComparison.Ordinal))
            .ToList();
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
        var keys = _template.Monitoring("AWS::KMS::Key");
        Assert.Equal(4, keys.Count);

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
    public void DATA_06_monitoring_keys_rotate_and_follow_the_alias_convention()
    {
        var aliases = _template.Monitoring("AWS::KMS::Key")
            .Select(k =>
            {
                Assert.True((bool)k.Resource.Properties()["EnableKeyRotation"]!);
                return Assert.Single(_template.AliasesOf(k.LogicalId));
            })
            .Order()
            .ToList();

        Assert.Equal(["alias/webapp/dev/alerts", "alias/webapp/dev/cloudtrail", "alias/webapp/dev/config", "alias/webapp/dev/monitoring-logs"], aliases);
    }

    [Fact]
    public void DATA_05_monitoring_buckets_block_public_access_require_tls_and_version_objects()
    {
        var buckets = _template.Monitoring("AWS::S3::Bucket");
        Assert.Equal(3, buckets.Count);

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
    public void DATA_05_monitoring_buckets_use_sse_kms_and_log_access_except_the_access_log_bucket_itself()
    {
        var buckets = _template.Monitoring("AWS::S3::Bucket");
        var accessLogTargets = buckets
            .Select(b => b.Resource.Properties()["LoggingConfiguration"]?["DestinationBucketName"])
            .Where(d => d is not null)
            .Select(Target)
            .Distinct()
            .ToList();
        var accessLogBucket = Assert.Single(accessLogTargets);

        Assert.All(buckets.Where(b => b.LogicalId != accessLogBucket), bucket =>
        {
            var encryption = bucket.Resource.Properties()["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
            Assert.Equal("aws:kms", (string)encryption["SSEAlgorithm"]!);
            Assert.NotNull(bucket.Resource.Properties()["LoggingConfiguration"]);
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

        var logsKey = Assert.Single(_template.Monitoring("AWS::KMS::Key"), k => _template.AliasesOf(k.LogicalId).Contains("alias/webapp/dev/monitoring-logs")).LogicalId;
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
