using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rampart.Architecture.Tests.Data;
using Rampart.Architecture.Tests.Identity;

namespace Rampart.Architecture.Tests.Secrets;

[Collection(DefaultArchitectureCollection.Name)]
public sealed class SecretsTests(DefaultArchitecture architecture)
{
    private TemplateView Template => architecture.Workload();

    [Fact]
    public void SEC_01_database_password_is_resolved_from_secrets_manager()
    {
        var template = Template;
        var instance = template.PropertiesOf("AWS::RDS::DBInstance").Single();
        var secretId = template.Single("AWS::SecretsManager::Secret", "DatabaseCredentials");

        var password = instance["MasterUserPassword"]!.ToJsonString();
        Assert.Contains("{{resolve:secretsmanager:", password, StringComparison.Ordinal);
        Assert.Contains(secretId, TemplateQueries.ReferencedIds(instance["MasterUserPassword"]));
        Assert.Null(instance["ManageMasterUserPassword"]);
    }

    [Fact]
    public void SEC_01_no_literal_password_token_or_key_anywhere()
    {
        var findings = new List<string>();
        foreach (var (id, resource) in Template.ResourceSection)
        {
            FindLiteralSecrets(resource!["Properties"], id, findings);
        }

        Assert.Empty(findings);
        var generated = Template.Resource(Template.Single("AWS::SecretsManager::Secret", "DatabaseCredentials"))["Properties"]!;
        Assert.Null(generated["SecretString"]);
        Assert.Equal("password", (string?)generated["GenerateSecretString"]!["GenerateStringKey"]);
        Assert.DoesNotContain("password", (string?)generated["GenerateSecretString"]!["SecretStringTemplate"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SEC_02_database_credentials_rotate_every_30_days_from_the_application_tier()
    {
        var template = Template;
        var schedule = template.PropertiesOf("AWS::SecretsManager::RotationSchedule").Single();
        var attachmentId = template.Single("AWS::SecretsManager::SecretTargetAttachment", "DatabaseCredentialsAttachment");

        Assert.Equal(attachmentId, TemplateQueries.ReferencedId(schedule["SecretId"]));
        var days = int.Parse(Regex.Match((string)schedule["RotationRules"]!["ScheduleExpression"]!, @"^rate\((\d+) days?\)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(days, 1, 30);
        var hosted = schedule["HostedRotationLambda"]!;
        Assert.Equal("PostgreSQLSingleUser", (string?)hosted["RotationType"]);
        Assert.Equal(template.Single("AWS::EC2::SecurityGroup", "NetworkApplicationTierSecurityGroup"), TemplateQueries.ReferencedId(hosted["VpcSecurityGroupIds"]));
        var subnets = TemplateQueries.ReferencedIds(hosted["VpcSubnetIds"]).ToList();
        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.Contains("ApplicationSubnet", s, StringComparison.Ordinal));
        Assert.Contains("AWS::SecretsManager-2020-07-23", TemplateQueries.Strings(template.Json["Transform"]));
    }

    [Fact]
    public void SEC_02_rotation_function_logs_to_an_encrypted_expiring_group_made_beforehand()
    {
        var template = Template;
        var schedule = template.OfType("AWS::SecretsManager::RotationSchedule").Single().Resource;
        var functionName = (string?)schedule["Properties"]!["HostedRotationLambda"]!["RotationLambdaName"];
        var group = template.OfType("AWS::Logs::LogGroup").Single(g => (string?)g.Resource["Properties"]!["LogGroupName"] == $"/aws/lambda/{functionName}");

        Assert.Equal(template.KeyIdOfAlias("alias/webapp/dev/logs"), TemplateQueries.ReferencedId(group.Resource["Properties"]!["KmsKeyId"]));
        Assert.Contains(group.LogicalId, TemplateQueries.Strings(schedule["DependsOn"]));
    }

    [Fact]
    public void SEC_02_mysql_credentials_rotate_with_the_mysql_rotation()
    {
        var schedule = AdditionalArchitectures.MySql.Workload().PropertiesOf("AWS::SecretsManager::RotationSchedule").Single();

        Assert.Equal("MySQLSingleUser", (string?)schedule["HostedRotationLambda"]!["RotationType"]);
    }

    [Fact]
    public void SEC_02_rotation_adds_no_ingress_to_the_database_tier()
    {
        var template = Template;
        var databaseGroup = template.Single("AWS::EC2::SecurityGroup", "NetworkDatabaseTierSecurityGroup");
        var applicationGroup = template.Single("AWS::EC2::SecurityGroup", "NetworkApplicationTierSecurityGroup");

        // The rotation function reuses the application tier's group instead of bringing its own.
        Assert.DoesNotContain(template.OfType("AWS::EC2::SecurityGroup"), g => g.LogicalId.StartsWith("Database", StringComparison.Ordinal));
        var ingress = template.PropertiesOf("AWS::EC2::SecurityGroupIngress")
            .Where(r => TemplateQueries.ReferencedId(r["GroupId"]) == databaseGroup)
            .ToList();
        Assert.All(ingress, rule =>
        {
            Assert.Equal(applicationGroup, TemplateQueries.ReferencedId(rule["SourceSecurityGroupId"]));
            Assert.Equal(5432, (int)rule["FromPort"]!);
            Assert.Equal(5432, (int)rule["ToPort"]!);
        });
        Assert.Null(template.Resource(databaseGroup)["Properties"]!["SecurityGroupIngress"]);
    }

    [Fact]
    public void SEC_03_every_secret_is_encrypted_with_the_secrets_key()
    {
        var template = Template;
        var secretsKey = template.KeyIdOfAlias("alias/webapp/dev/secrets");
        var secrets = template.PropertiesOf("AWS::SecretsManager::Secret");

        Assert.NotEmpty(secrets);
        Assert.All(secrets, s => Assert.Equal(secretsKey, TemplateQueries.ReferencedId(s["KmsKeyId"])));
    }

    [Fact]
    public void SEC_04_secret_names_follow_environment_application_component_type()
    {
        var names = Template.PropertiesOf("AWS::SecretsManager::Secret").Select(s => (string?)s["Name"]).ToList();

        Assert.Contains("/dev/webapp/database/credentials", names);
        Assert.All(names, n => Assert.Matches("^/dev/webapp/[a-z0-9-]+/[a-z0-9-]+$", n));
    }

    [Fact]
    public void SEC_04_production_secret_name_carries_the_environment()
    {
        var names = AdditionalArchitectures.Production.Workload("prod").PropertiesOf("AWS::SecretsManager::Secret").Select(s => (string?)s["Name"]);

        Assert.Contains("/prod/webapp/database/credentials", names);
    }

    [Fact]
    public void SEC_05_parameter_names_follow_application_environment_component_parameter()
    {
        var parameters = Template.PropertiesOf("AWS::SSM::Parameter");

        Assert.Contains(parameters, p => (string?)p["Name"] == "/webapp/dev/app/port" && (string?)p["Value"] == "8080");
        Assert.Contains(parameters, p => (string?)p["Name"] == "/webapp/dev/database/port" && (string?)p["Value"] == "5432");
        Assert.All(parameters, p =>
        {
            Assert.Matches("^/webapp/dev/[a-z0-9-]+/[a-z0-9-]+$", (string?)p["Name"]);
            // CloudFormation creates no SecureString: configuration only, never a secret value.
            Assert.Equal("String", (string?)p["Type"]);
        });
    }

    [Fact]
    public void IAM_08_credentials_deny_everyone_but_the_execution_role_deployer_and_rotation()
    {
        var template = Template;
        var attachmentId = template.Single("AWS::SecretsManager::SecretTargetAttachment", "DatabaseCredentialsAttachment");
        var policy = template.PropertiesOf("AWS::SecretsManager::ResourcePolicy").Single();
        var statements = template.ResourceStatements().Where(s => s.Kind == "AWS::SecretsManager::ResourcePolicy").ToList();
        var rotationName = (string?)template.PropertiesOf("AWS::SecretsManager::RotationSchedule").Single()["HostedRotationLambda"]!["RotationLambdaName"];

        Assert.Equal(attachmentId, TemplateQueries.ReferencedId(policy["SecretId"]));
        Assert.True((bool)policy["BlockPublicPolicy"]!);
        var deny = statements.Single(s => (string?)s.Statement["Sid"] == "DenyAllButNamedPrincipals");
        Assert.False(deny.IsAllow);
        Assert.Equal("*", (string?)deny.Statement["Principal"]!["AWS"]);
        Assert.Contains("secretsmanager:GetSecretValue", deny.Actions);
        Assert.Contains("secretsmanager:PutSecretValue", deny.Actions);
        var exempt = deny.ConditionValue("ArnNotEquals", "aws:PrincipalArn")!.AsArray();
        Assert.Equal(2, exempt.Count);
        Assert.Contains(exempt, e => TemplateQueries.ReferencedId(e) == template.Single("AWS::IAM::Role", "TaskExecutionRole"));
        Assert.Contains(exempt, e => e!.ToJsonString().Contains("cfn-exec-role-111111111111-eu-west-1", StringComparison.Ordinal));
        Assert.DoesNotContain(exempt, e => TemplateQueries.ReferencedId(e) == template.Single("AWS::IAM::Role", "TaskRole"));
        Assert.Equal($"*:{rotationName}", (string?)deny.ConditionValue("StringNotLike", "aws:userid"));
    }

    [Fact]
    public void IAM_08_credentials_deny_requests_without_tls()
    {
        var deny = Template.ResourceStatements().Single(s => s.Kind == "AWS::SecretsManager::ResourcePolicy" && (string?)s.Statement["Sid"] == "DenyWithoutTls");

        Assert.False(deny.IsAllow);
        Assert.Equal("false", (string?)deny.ConditionValue("Bool", "aws:SecureTransport"));
        Assert.Contains("secretsmanager:GetSecretValue", deny.Actions);
    }

    [Fact]
    public void SEC_08_load_balancer_certificate_is_issued_by_acm_with_dns_validation()
    {
        var certificate = Template.PropertiesOf("AWS::CertificateManager::Certificate").Single();

        Assert.Equal("app.example.com", (string?)certificate["DomainName"]);
        Assert.Equal("DNS", (string?)certificate["ValidationMethod"]);
    }

    [Fact]
    public void SEC_08_without_a_domain_no_certificate_is_made()
    {
        Assert.Empty(AdditionalArchitectures.Foundation.Workload().OfType("AWS::CertificateManager::Certificate"));
    }

    private static readonly Regex SensitiveName = new("password|secret|token|accesskey|privatekey", RegexOptions.IgnoreCase);

    /// <summary>Collects properties whose name says "secret" and whose value is a literal string.</summary>
    private static void FindLiteralSecrets(JsonNode? node, string path, List<string> findings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    // Names of secrets, references to them and generation settings are not secret values.
                    var isValueProperty = SensitiveName.IsMatch(key)
                        && !key.EndsWith("Name", StringComparison.Ordinal) && !key.EndsWith("Id", StringComparison.Ordinal)
                        && !key.EndsWith("Arn", StringComparison.Ordinal) && !key.EndsWith("Template", StringComparison.Ordinal)
                        && !key.EndsWith("Key", StringComparison.Ordinal) && key != "GenerateSecretString";
                    if (isValueProperty && value is JsonValue v && v.TryGetValue<string>(out _))
                    {
                        findings.Add($"{path}.{key}");
                    }

                    FindLiteralSecrets(value, $"{path}.{key}", findings);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    FindLiteralSecrets(a[i], $"{path}[{i}]", findings);
                }

                break;
        }
    }
}
