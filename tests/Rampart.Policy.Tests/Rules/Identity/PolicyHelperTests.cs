using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Tests.Rules.Identity;

public sealed class PolicyHelperTests
{
    [Theory]
    [InlineData("s3:GetObject*", "s3:GetObjectVersion", true)]
    [InlineData("s3:getobject", "S3:GetObject", true)]
    [InlineData("ec2:Describe*", "ec2:Describe*", true)]
    [InlineData("ec2:Describe*", "ec2:*", false)]
    [InlineData("kms:ReEncrypt*", "kms:ReEncryptFrom", true)]
    [InlineData("kms:Create*", "kms:Decrypt", false)]
    [InlineData("*", "iam:PassRole", true)]
    [InlineData("ssm:GetParameter?", "ssm:GetParameters", true)]
    public void Actions_match_iam_wildcards_case_insensitively(string pattern, string action, bool expected) =>
        Assert.Equal(expected, Actions.Matches(pattern, action));

    [Theory]
    [InlineData("*", true)]
    [InlineData("s3:*", true)]
    [InlineData("s3:Get*", false)]
    [InlineData("s3:GetObject", false)]
    public void IAM_02_service_wide_wildcards_are_star_and_service_star(string action, bool expected) =>
        Assert.Equal(expected, Actions.IsServiceWide(action));

    [Theory]
    [InlineData("ecr:GetAuthorizationToken", true)]
    [InlineData("ec2:DescribeInstances", true)]
    [InlineData("ec2:Describe*", true)]
    [InlineData("ec2:*", false)]
    [InlineData("logs:CreateLogGroup", false)]
    [InlineData("s3:GetObject", false)]
    public void IAM_02_only_listed_actions_take_no_resource(string action, bool expected) =>
        Assert.Equal(expected, Actions.TakesNoResource(action));

    [Theory]
    [InlineData("arn:aws:ecr:eu-west-1:111111111111:repository/web", "web")]
    [InlineData("arn:aws:logs:eu-west-1:111111111111:log-group:/ecs/web:*", "/ecs/web:*")]
    [InlineData("arn:aws:s3:::assets/*", "assets/*")]
    [InlineData("arn:aws:sns:eu-west-1:111111111111:alerts", "alerts")]
    [InlineData("not-an-arn", null)]
    public void Arn_name_part_follows_the_resource_type(string arn, string? expected) =>
        Assert.Equal(expected, Arns.NamePart(arn));

    [Theory]
    [InlineData("webapp/prod/*", 2)]
    [InlineData("/webapp/prod/db/url", 4)]
    [InlineData("webapp/*", 1)]
    [InlineData("*", 0)]
    [InlineData("webapp/prod*", 1)]
    public void IAM_04_parameter_paths_count_their_literal_levels(string name, int expected) =>
        Assert.Equal(expected, Arns.LiteralPathDepth(name));
}
