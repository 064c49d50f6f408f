using Rampart.Policy.Rules.Identity;
using Rampart.Policy.Rules.Secrets;

namespace Rampart.Policy.Tests.Rules.Secrets;

public sealed class SecretHelperTests
{
    [Theory]
    [InlineData("MasterUserPassword", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("ApiKeyValue", true)]
    [InlineData("APIKey", true)]
    [InlineData("stripeApiKey", true)]
    [InlineData("SecretString", true)]
    [InlineData("client_secret", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("PasswordResetRequired", false)]
    [InlineData("PASSWORD_MIN_LENGTH", false)]
    [InlineData("SecretArn", false)]
    [InlineData("DB_SECRET_ARN", false)]
    [InlineData("ApiKeyName", false)]
    [InlineData("SecretStringTemplate", false)]
    [InlineData("TokenValidity", false)]
    [InlineData("TOKENIZER_MODEL", false)]
    [InlineData("KmsKeyId", false)]
    [InlineData("LOG_LEVEL", false)]
    [InlineData("PWD", false)]
    public void SEC_01_secret_names_are_told_from_names_that_point_at_or_describe_a_secret(string name, bool expected) =>
        Assert.Equal(expected, SecretWords.LooksSecret(name));

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("ECS_ENGINE_AUTH_DATA")]
    public void SEC_06_ecs_8_names_are_secret_even_when_their_words_are_not(string name) =>
        Assert.True(SecretWords.LooksSecretEnvironmentName(name));

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "an AWS access key ID")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "a private key")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345", "an API token")]
    [InlineData("#!/bin/bash\nexport REGION=eu-west-1\nexport DB_PASSWORD=hunter22\n", "a literal DB_PASSWORD in a script")]
    [InlineData("#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id x)\n", null)]
    [InlineData("arn:aws:iam::111111111111:role/AKIA", null)]
    [InlineData("just text", null)]
    public void SEC_01_credentials_are_recognised_by_their_look(string value, string? expected) =>
        Assert.Equal(expected, SecretWords.CredentialKind(value));

    [Theory]
    [InlineData("rate(30 days)", 30)]
    [InlineData("rate(1 day)", 1)]
    [InlineData("rate(12 hours)", 0.5)]
    [InlineData("cron(0 4 1 * ? *)", 31)]
    [InlineData("cron(0 4 ? * MON *)", 7)]
    [InlineData("cron(0 4 1,15 * ? *)", 17)]
    [InlineData("cron(0 9 1 1,4,7,10 ? *)", 92)]
    [InlineData("cron(0 9 L * ? *)", 31)]
    [InlineData("cron(0/5 * * * ? *)", 1)]
    [InlineData("cron(0 4 1 */6 ? *)", 184)]
    public void SEC_02_and_SEC_07_schedules_give_their_longest_gap_in_days(string expression, double expected) =>
        Assert.Equal(expected, Schedules.MaxIntervalDays(expression));

    [Theory]
    [InlineData("cron(0 4 1 * MON *)")]
    [InlineData("cron(0 4 1 *)")]
    [InlineData("cron(0 4 1W * ? *)")]
    [InlineData("every day")]
    public void SEC_02_schedules_not_understood_give_no_interval(string expression) =>
        Assert.Null(Schedules.MaxIntervalDays(expression));

    [Theory]
    [InlineData("/prod/webapp/database/credentials", 0, true)]
    [InlineData("/prod/webapp/external/payment-api-key", 0, true)]
    [InlineData("/webapp/prod/app/max-connections", 1, true)]
    [InlineData("/webapp/prod/database/credentials", 0, false)]
    [InlineData("/prod/webapp/credentials", 0, false)]
    [InlineData("/prod/WebApp/db/credentials", 0, false)]
    [InlineData("prod/webapp/db/credentials", 0, false)]
    [InlineData("/prod/webapp/db/", 0, false)]
    public void SEC_04_and_SEC_05_names_have_four_lower_case_levels_and_the_environment_in_place(string name, int environmentLevel, bool expected) =>
        Assert.Equal(expected, HierarchicalNames.JudgeText(name, environmentLevel).Valid);

    [Fact]
    public void SEC_04_an_unknown_environment_is_not_proven_but_a_wrong_shape_is()
    {
        var placeholder = Arns.Placeholder;

        Assert.Null(HierarchicalNames.JudgeText($"/{placeholder}/webapp/database/credentials", 0).Valid);
        Assert.False(HierarchicalNames.JudgeText($"/{placeholder}/credentials", 0).Valid);
    }
}
