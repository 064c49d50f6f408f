using Rampart.Policy.Rules;
using Rampart.Policy.Rules.Data;
using Rampart.Policy.Tests.Rules.Containers;

namespace Rampart.Policy.Tests.Rules.Data;

/// <summary>What the DATA fixtures do not show: key judgement, engine defaults, messages, keys and suppressions.</summary>
public sealed class DataRulesTests
{
    [Fact]
    public void DATA_rules_are_listed_in_control_order()
    {
        Assert.Equal(
            ["DATA-01", "DATA-02", "DATA-03", "DATA-04", "DATA-05", "DATA-06", "DATA-07", "DATA-08"],
            DataRules.All.Select(r => r.Metadata.Id));
        Assert.All(DataRules.All, r => Assert.Equal(SeedSection.Data, r.Metadata.Section));
    }

    /// <summary>null = passes; true = proven finding; false = finding not proven.</summary>
    [Theory]
    [InlineData("!Ref Key", null)]
    [InlineData("!GetAtt Key.Arn", null)]
    [InlineData("!Ref KeyAlias", null)]
    [InlineData("alias/shop/prod/rds", null)]
    [InlineData("arn:aws:kms:eu-west-1:111111111111:key/0d6e8f1a-2b3c-4d5e-8f90-123456789abc", null)]
    [InlineData("!Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/0d6e8f1a", null)]
    [InlineData("!Join ['', [!GetAtt Key.Arn]]", null)]
    [InlineData("!Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/shop/prod/rds", null)]
    [InlineData("!Sub alias/${KeyArn}", false)]
    [InlineData("alias/aws/rds", true)]
    [InlineData("!Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/rds", true)]
    [InlineData("!Ref KeyArn", false)]
    [InlineData("!ImportValue shared-rds-key", false)]
    public void DATA_01_a_customer_managed_key_is_a_key_or_alias_of_the_template_an_arn_or_a_customer_alias(string keyId, bool? provenFinding)
    {
        var findings = TemplateScan.Text("DATA-01", $"""
            Parameters:
              KeyArn:
                Type: String
            Resources:
              Key:
                Type: AWS::KMS::Key
              KeyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/shop/prod/rds
                  TargetKeyId: !Ref Key
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  StorageEncrypted: true
                  KmsKeyId: {keyId}
            """);

        if (provenFinding is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            var finding = Assert.Single(findings);
            Assert.Equal(provenFinding.Value, finding.Proven);
            Assert.Equal("key", finding.Key);
        }
    }

    /// <summary>"pass", "fail" or "unproven" for one engine, version and parameter value.</summary>
    [Theory]
    [InlineData("postgres", "\"15.7\"", null, "pass")]
    [InlineData("postgres", "\"14.12\"", null, "fail")]
    [InlineData("postgres", null, null, "unproven")]
    [InlineData("postgres", "\"16.3\"", "\"0\"", "fail")]
    [InlineData("postgres", "\"12.19\"", "1", "pass")]
    [InlineData("mysql", "\"8.0.39\"", null, "fail")]
    [InlineData("mysql", "\"8.0.39\"", "\"on\"", "pass")]
    [InlineData("mysql", "\"9.7.0\"", null, "pass")]
    [InlineData("mariadb", "\"11.8.1\"", null, "pass")]
    [InlineData("mariadb", "\"11.4.3\"", null, "fail")]
    [InlineData("aurora-postgresql", "\"16.2\"", null, "fail")]
    [InlineData("sqlserver-ex", "\"16.00\"", null, "fail")]
    [InlineData("oracle-ee", "\"19\"", null, "unproven")]
    public void DATA_02_the_engine_decides_the_parameter_and_what_its_default_means(string engine, string? version, string? value, string expected)
    {
        var parameter = engine is "mysql" or "mariadb" ? "require_secure_transport" : "rds.force_ssl";
        var group = value is null ? string.Empty : $"""
              Group:
                Type: AWS::RDS::DBParameterGroup
                Properties:
                  Family: any
                  Description: tls
                  Parameters:
                    {parameter}: {value}
            """;
        var findings = TemplateScan.Text("DATA-02", $"""
            Resources:
            {group}
              Db:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: {engine}
                  {(version is null ? string.Empty : "EngineVersion: " + version)}
                  {(value is null ? string.Empty : "DBParameterGroupName: !Ref Group")}
            """);

        var outcome = findings.Count == 0 ? "pass" : Assert.Single(findings).Proven ? "fail" : "unproven";
        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void DATA_02_a_failing_group_is_named_with_the_line_of_its_value()
    {
        var findings = TemplateScan.Fixture("DATA-02", "Data/Fixtures/DATA-02/fail.plain-connections.yaml");

        Assert.Contains("parameter group Lenient, which sets require_secure_transport to OFF (line 34)", TemplateScan.At(findings, "Blog", "Properties.DBParameterGroupName").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_03_a_routed_subnet_names_the_subnet_the_route_table_and_the_gateway()
    {
        var findings = TemplateScan.Fixture("DATA-03", "Data/Fixtures/DATA-03/fail.exposed.yaml");

        var internet = Assert.Single(findings, f => f.LogicalId == "Orders" && f.Path == "Properties.DBSubnetGroupName" && f.Condition is null && f.Proven);
        Assert.Equal(
            "database subnet group MixedSubnets includes subnet PublicSubnet, whose route table PublicRoutes sends 0.0.0.0/0 to internet gateway Igw (route PublicDefault): the database tier must have no route to the internet",
            internet.Message);
        Assert.Contains("NAT gateway nat-0123456789abcdef0", TemplateScan.At(findings, "Orders", "Properties.DBSubnetGroupName", "when IsProd is true").Message, StringComparison.Ordinal);
        Assert.Equal(
            ["backups", "deletion-protection", "minor-upgrades", "multi-az", "subnets", "subnets", "subnets"],
            findings.Where(f => f.LogicalId == "Orders").Select(f => f.Key!).Order(StringComparer.Ordinal));
        Assert.Contains("has 1 instance(s)", TemplateScan.At(findings, "Catalog", null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_04_a_template_that_turns_on_ebs_encryption_by_default_makes_unset_volumes_pass()
    {
        const string Volume = """
              Data:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: eu-west-1a
                  Size: 10
            """;
        const string DefaultOn = """
              Default:
                Type: Custom::AWS
                Properties:
                  ServiceToken: arn:aws:lambda:eu-west-1:111111111111:function:provider
                  Create: !Join ["", ['{"service":"EC2","action":"enableEbsEncryptionByDefault","region":"', !Ref "AWS::Region", '"}']]
            """;

        Assert.Single(TemplateScan.Text("DATA-04", "Resources:\n" + Volume));
        Assert.Empty(TemplateScan.Text("DATA-04", "Resources:\n" + Volume + "\n" + DefaultOn));
    }

    [Fact]
    public void DATA_05_findings_are_keyed_by_aspect_and_the_access_log_bucket_is_suppressed_with_its_reason()
    {
        var findings = TemplateScan.Fixture("DATA-05", "Data/Fixtures/DATA-05/fail.buckets.yaml");

        Assert.Equal(
            ["encryption", "public-access-block", "public-access-block", "public-acl", "tls-policy", "versioning"],
            findings.Where(f => f.LogicalId == "Website").Select(f => f.Key!).Order(StringComparer.Ordinal));
        var logBucket = Assert.Single(findings, f => f.LogicalId == "AccessLogs");
        Assert.True(logBucket.IsSuppressed);
        Assert.Contains("SSE-S3", logBucket.Suppression!.Reason, StringComparison.Ordinal);
        Assert.All(findings.Where(f => f.LogicalId != "AccessLogs"), f => Assert.False(f.IsSuppressed));
        Assert.Contains("exists only under a condition", TemplateScan.At(findings, "Uploads", null, "when IsProd is false").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_05_a_public_policy_is_reported_on_the_policy_statement()
    {
        var findings = TemplateScan.Fixture("DATA-05", "Data/Fixtures/DATA-05/fail.buckets.yaml");

        var policy = TemplateScan.At(findings, "WebsitePolicy", "Properties.PolicyDocument.Statement[0].Principal");
        Assert.Equal("public-policy", policy.Key);
        Assert.Equal("AWS::S3::BucketPolicy", policy.ResourceType);
    }

    [Fact]
    public void DATA_06_separation_lists_each_service_and_the_resources_using_the_key()
    {
        var findings = TemplateScan.Fixture("DATA-06", "Data/Fixtures/DATA-06/fail.shared-keys.yaml");

        var separation = Assert.Single(findings, f => f.Key == "separation");
        Assert.Equal("key protects 3 services: rds (Orders), s3 (Uploads), logs (AppLogs); the seed asks for a dedicated key per service", separation.Message);
    }

    [Fact]
    public void DATA_06_key_usages_follow_aliases_and_arns_built_from_the_key()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Rules", "Data", "Fixtures", "DATA-06", "fail.shared-keys.yaml");
        var template = new TemplateContext(Support.FixtureLoader.Load(file));

        var uses = KeyUsages.Of(template).ToList();

        Assert.Equal(
            ["AppLogs logs Properties.KmsKeyId", "Orders rds Properties.KmsKeyId", "Uploads s3 Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID"],
            uses.Where(u => u.KeyLogicalId == "SharedKey").Select(u => $"{u.ResourceLogicalId} {u.Service} {u.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DATA_07_aws_managed_and_missing_keys_are_proven_a_parameter_is_not()
    {
        var findings = TemplateScan.Fixture("DATA-07", "Data/Fixtures/DATA-07/fail.log-groups.json");

        Assert.True(TemplateScan.At(findings, "VpcFlowLogs", "Properties.KmsKeyId").Proven);
        Assert.True(TemplateScan.At(findings, "AppLogs", "Properties.KmsKeyId").Proven);
        Assert.False(TemplateScan.At(findings, "AccessLogs", "Properties.KmsKeyId").Proven);
        Assert.Contains("keeps its logs forever", TemplateScan.At(findings, "AppLogs", "Properties.RetentionInDays").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DATA_08_keys_name_the_origin_listener_volume_or_aspect()
    {
        var findings = TemplateScan.Fixture("DATA-08", "Data/Fixtures/DATA-08/fail.plaintext.yaml");

        Assert.Equal(
            ["client-broker", "efs:shared", "https", "in-cluster", "listener:443", "listener:80", "node-to-node", "origin:alb", "origin:legacy", "origin:partner", "tls-policy", "transit", "transit-mode"],
            findings.Select(f => f.Key!).Order(StringComparer.Ordinal));
        Assert.Contains("SSLv3 and TLSv1", TemplateScan.At(findings, "Cdn", "Properties.DistributionConfig.Origins[0].CustomOriginConfig.OriginSSLProtocols").Message, StringComparison.Ordinal);
    }
}
