using System.Text.Json.Nodes;
using Rampart.Architecture.Data;
using Rampart.Architecture.Identity;
using Rampart.Architecture.Tests.Data;

namespace Rampart.Architecture.Tests.Identity;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class IdentityTests(DefaultArchitecture architecture)
{
    private static readonly string[] AdministratorPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

    private TemplateView Template => architecture.Workload();

    public static TheoryData<string> Configurations => ["default", "production", "mysql", "foundation"];

    private TemplateView TemplateOf(string configuration) => configuration switch
    {
        "production" => AdditionalArchitectures.Production.Workload("prod"),
        "mysql" => AdditionalArchitectures.MySql.Workload(),
        "foundation" => AdditionalArchitectures.Foundation.Workload(),
        _ => Template,
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void IAM_01_no_policy_allows_every_action_on_every_resource(string configuration)
    {
        var template = TemplateOf(configuration);
        var statements = template.IdentityStatements().Concat(template.ResourceStatements()).ToList();
        Assert.Contains(statements, s => s.LogicalId.StartsWith("TaskExecutionRole", StringComparison.Ordinal));

        Assert.All(statements.Where(s => s.IsAllow), s =>
        {
            Assert.DoesNotContain("*", s.Actions);
            Assert.False(s.NotActions.Count > 0 && s.LiteralResources.Contains("*"), $"NotAction with Resource * grants almost everything: {s}");
        });
        foreach (var (id, role) in template.OfType("AWS::IAM::Role"))
        {
            var managed = role["Properties"]?["ManagedPolicyArns"]?.ToJsonString() ?? "";
            Assert.DoesNotContain(AdministratorPolicies, p => managed.Contains($"policy/{p}\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void IAM_02_no_service_wide_actions_and_star_resources_only_for_actions_without_arns(string configuration)
    {
        var statements = TemplateOf(configuration).IdentityStatements().Where(s => s.IsAllow).ToList();
        Assert.NotEmpty(statements);

        Assert.All(statements, s =>
        {
            Assert.DoesNotContain(s.Actions, a => a.EndsWith(":*", StringComparison.Ordinal));
            if (s.LiteralResources.Contains("*"))
            {
                Assert.All(s.Actions, a => Assert.True(IamExceptions.HasNoResourceArn(a), $"{a} is granted on Resource * but has resource ARNs: {s}"));
            }
        });
    }

    [Fact]
    public void IAM_03_execution_role_pulls_its_repository_writes_its_log_group_reads_its_secret()
    {
        var template = Template;
        var roleId = template.Single("AWS::IAM::Role", "TaskExecutionRole");
        var statements = template.StatementsOfRole(roleId);
        var repositoryId = template.Single("AWS::ECR::Repository", "ContainerRepository");
        var logGroupId = template.Single("AWS::Logs::LogGroup", "ApplicationLogs");
        var secretId = template.Single("AWS::SecretsManager::SecretTargetAttachment", "DatabaseCredentialsAttachment");
        var secretsKeyId = template.KeyIdOfAlias("alias/webapp/dev/secrets");

        Assert.Equal(
            new[] { "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer", "kms:Decrypt", "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue" },
            statements.SelectMany(s => s.Actions).Distinct().Order());
        Assert.All(statements, s => Assert.True(s.IsAllow));
        AssertOnly(statements, "ecr:GetAuthorizationToken", s => s.LiteralResources.SequenceEqual(["*"]));
        AssertOnly(statements, "ecr:BatchGetImage", s => TemplateQueries.ReferencedId(s.Statement["Resource"]) == repositoryId);
        AssertOnly(statements, "logs:PutLogEvents", s => TemplateQueries.ReferencedId(s.Statement["Resource"]) == logGroupId);
        AssertOnly(statements, "secretsmanager:GetSecretValue", s => TemplateQueries.ReferencedId(s.Statement["Resource"]) == secretId);
        AssertOnly(statements, "kms:Decrypt", s =>
            TemplateQueries.ReferencedId(s.Statement["Resource"]) == secretsKeyId
            && (string?)s.ConditionValue("StringEquals", "kms:ViaService") == "secretsmanager.eu-west-1.amazonaws.com");
    }

    [Fact]
    public void IAM_03_execution_role_reads_no_secret_in_phase_1()
    {
        var template = AdditionalArchitectures.Foundation.Workload();
        var statements = template.StatementsOfRole(template.Single("AWS::IAM::Role", "TaskExecutionRole"));

        Assert.Contains(statements, s => s.Actions.Contains("ecr:BatchGetImage"));
        Assert.DoesNotContain(statements, s => s.Actions.Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal)));
    }

    [Fact]
    public void IAM_04_task_role_reads_its_parameter_path_and_writes_its_metrics_and_traces()
    {
        var template = Template;
        var statements = template.StatementsOfRole(template.Single("AWS::IAM::Role", "TaskRole"));
        var ssmKeyId = template.KeyIdOfAlias("alias/webapp/dev/ssm");

        Assert.Equal(
            new[] { "cloudwatch:PutMetricData", "kms:Decrypt", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments" },
            statements.SelectMany(s => s.Actions).Distinct().Order());
        AssertOnly(statements, "ssm:GetParameter", s =>
        {
            var resources = s.Statement["Resource"]!.AsArray().Select(r => r!.ToJsonString()).ToList();
            return resources.Count == 2
                && resources.Any(r => r.EndsWith(":parameter/webapp/dev\"]]}", StringComparison.Ordinal))
                && resources.Any(r => r.EndsWith(":parameter/webapp/dev/*\"]]}", StringComparison.Ordinal));
        });
        AssertOnly(statements, "cloudwatch:PutMetricData", s => (string?)s.ConditionValue("StringEquals", "cloudwatch:namespace") == "webapp/dev");
        AssertOnly(statements, "kms:Decrypt", s =>
            TemplateQueries.ReferencedId(s.Statement["Resource"]) == ssmKeyId
            && (string?)s.ConditionValue("StringEquals", "kms:ViaService") == "ssm.eu-west-1.amazonaws.com");
        Assert.DoesNotContain(statements, s => s.Actions.Any(a => a.StartsWith("s3:", StringComparison.Ordinal)));
    }

    [Fact]
    public void IAM_05_workload_statements_hold_only_over_tls_in_allowed_regions()
    {
        var template = Template;
        var roleIds = new[]
        {
            template.Single("AWS::IAM::Role", "TaskExecutionRole"),
            template.Single("AWS::IAM::Role", "TaskRole"),
            template.Single("AWS::IAM::Role", "EbsEncryptionByDefaultRole"),
        };
        var statements = roleIds.SelectMany(template.StatementsOfRole).ToList();
        Assert.True(statements.Count >= 10);

        Assert.All(statements, s =>
        {
            Assert.Equal(["eu-west-1"], TemplateQueries.Strings(s.ConditionValue("StringEquals", "aws:RequestedRegion")));
            Assert.Equal("true", (string?)s.ConditionValue("Bool", "aws:SecureTransport"));
        });
    }

    [Fact]
    public void IAM_05_parameter_key_decrypts_only_for_principals_tagged_with_the_workload()
    {
        var template = Template;
        var keyId = template.KeyIdOfAlias("alias/webapp/dev/ssm");
        var decrypt = template.ResourceStatements().Where(s => s.LogicalId == keyId && s.Actions.Contains("kms:Decrypt")).ToList();

        var statement = Assert.Single(decrypt);
        Assert.Equal("webapp", (string?)statement.ConditionValue("StringEquals", "aws:PrincipalTag/rampart:application"));
        Assert.Equal("dev", (string?)statement.ConditionValue("StringEquals", "aws:PrincipalTag/rampart:environment"));
        var taskRoleTags = template.Resource(template.Single("AWS::IAM::Role", "TaskRole"))["Properties"]!["Tags"]!.AsArray();
        Assert.Contains(taskRoleTags, t => (string?)t!["Key"] == WorkloadTags.Application && (string?)t["Value"] == "webapp");
        Assert.Contains(taskRoleTags, t => (string?)t!["Key"] == WorkloadTags.Environment && (string?)t["Value"] == "dev");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void IAM_06_every_role_trusts_one_service_pinned_to_the_account(string configuration)
    {
        var template = TemplateOf(configuration);
        var roles = template.OfType("AWS::IAM::Role");
        Assert.NotEmpty(roles);
        // The one documented exception (IamExceptions.TrailLogsDeliveryRoleReason): the trail's log delivery role.
        var excepted = IamExceptions.RolesTrustedWithoutSourceCondition(template);
        Assert.Single(excepted);

        Assert.All(roles, role =>
        {
            var statements = role.Resource["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
            Assert.All(statements, node =>
            {
                var statement = node!.AsObject();
                var principal = statement["Principal"]!.AsObject();
                Assert.Equal(["Service"], principal.Select(p => p.Key));
                Assert.IsAssignableFrom<JsonValue>(principal["Service"]);
                var conditions = statement["Condition"]?.AsObject().SelectMany(op => op.Value!.AsObject().Select(k => k.Key)).ToList() ?? [];
                Assert.True(
                    conditions.Contains("aws:SourceAccount") || conditions.Contains("aws:SourceArn") || excepted.Contains(role.LogicalId),
                    $"{role.LogicalId} trusts {principal["Service"]} without aws:SourceAccount or aws:SourceArn");
            });
        });
    }

    [Fact]
    public void IAM_06_task_roles_trust_only_ecs_tasks_of_this_account_and_region()
    {
        var template = Template;
        foreach (var prefix in new[] { "TaskExecutionRole", "TaskRole" })
        {
            var statement = template.Resource(template.Single("AWS::IAM::Role", prefix))["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;

            Assert.Equal("ecs-tasks.amazonaws.com", (string?)statement["Principal"]!["Service"]);
            Assert.Equal("111111111111", (string?)statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
            Assert.EndsWith(":ecs:eu-west-1:111111111111:*\"]]}", statement["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void IAM_07_no_iam_users_access_keys_or_console_logins(string configuration)
    {
        var template = TemplateOf(configuration);

        foreach (var type in new[] { "AWS::IAM::User", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition", "AWS::IAM::Group" })
        {
            Assert.Empty(template.OfType(type));
        }

        Assert.DoesNotContain("LoginProfile", template.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_09_key_policies_never_open_to_everyone_without_conditions()
    {
        var statements = Template.ResourceStatements().Where(s => s.Kind == "AWS::KMS::Key").ToList();
        Assert.True(statements.Count >= 14);

        Assert.All(statements, s =>
        {
            var principal = s.Statement["Principal"];
            var everyone = principal is JsonValue || TemplateQueries.Strings(principal?["AWS"]).Contains("*");
            Assert.False(everyone && s.Condition is null, $"Principal * without a condition: {s}");
        });
    }

    [Fact]
    public void IAM_09_key_administration_is_separate_from_key_use()
    {
        var template = Template;
        var useActions = new[] { "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant" };
        // Describing a key and listing its grants are harmless reads both sides need.
        var adminOnlyActions = ServiceKeys.AdministrationActions.Except(["kms:DescribeKey", "kms:ListGrants"]).ToList();
        var keys = template.OfType("AWS::KMS::Key").Select(k => k.LogicalId).ToList();
        // Every section encrypts with the stack's service keys: one key per service, none of its own.
        Assert.Equal(Enum.GetValues<KeyService>().Length, keys.Count);

        foreach (var key in keys)
        {
            var statements = template.ResourceStatements().Where(s => s.LogicalId == key && s.IsAllow).ToList();
            var administration = statements.Where(s => s.Actions.Contains("kms:PutKeyPolicy")).ToList();
            var use = statements.Where(s => s.Actions.Intersect(useActions).Any()).ToList();

            Assert.Single(administration);
            Assert.NotEmpty(use);
            Assert.DoesNotContain(administration[0].Actions, useActions.Contains);
            Assert.All(use, s =>
            {
                Assert.DoesNotContain(s.Actions, adminOnlyActions.Contains);
                // Use goes to one named role of the stack, or holds only through a service, for a named source
                // or for an encryption context: never to the account or a service at large.
                var namedRole = TemplateQueries.ReferencedId(s.Statement["Principal"]?["AWS"]) is { } principal
                    && (string?)template.Resource(principal)["Type"] == "AWS::IAM::Role";
                var conditionKeys = s.Condition?.SelectMany(op => op.Value!.AsObject().Select(k => k.Key)).ToList() ?? [];
                Assert.True(
                    namedRole || conditionKeys.Any(k => k is "kms:ViaService" or "aws:SourceArn" or "aws:SourceAccount" || k.StartsWith("kms:EncryptionContext:", StringComparison.Ordinal)),
                    $"key use without a service, source or encryption-context condition: {s}");
            });
        }
    }

    private static void AssertOnly(IReadOnlyList<PolicyStatementView> statements, string action, Func<PolicyStatementView, bool> expectation)
    {
        var granting = statements.Where(s => s.Actions.Contains(action)).ToList();
        Assert.NotEmpty(granting);
        Assert.All(granting, s => Assert.True(expectation(s), $"{action} granted too widely: {s}"));
    }
}
