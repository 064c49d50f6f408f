using Amazon.CDK.AWS.S3;
using Rampart.Architecture.Data;
using Rampart.Architecture.Identity;
using Rampart.Architecture.Tests.Data;

namespace Rampart.Architecture.Tests.Identity;

/// <summary>The role constructs used on their own, with their own props.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class IdentityConstructTests
{
    [Fact]
    public void IAM_04_task_role_reaches_only_the_named_bucket_and_its_key()
    {
        var harness = new ConstructHarness();
        var keys = new ServiceKeys(harness.Stack, "Keys", new ServiceKeysProps { Application = "shop", Environment = "test" });
        var named = new Bucket(harness.Stack, "Named", new BucketProps { Encryption = BucketEncryption.KMS, EncryptionKey = keys.For(KeyService.S3) });
        _ = new Bucket(harness.Stack, "Other");
        var role = new TaskRole(harness.Stack, "TaskRole", new TaskRoleProps
        {
            Application = "shop",
            Environment = "test",
            AllowedRegions = ["eu-west-1"],
            Buckets = [named],
        });

        var template = harness.Synthesize();
        var statements = template.StatementsOfRole(template.Single("AWS::IAM::Role", "TaskRole"));
        var namedId = template.Single("AWS::S3::Bucket", "Named");
        var s3 = statements.Where(s => s.Actions.Any(a => a.StartsWith("s3:", StringComparison.Ordinal))).ToList();

        Assert.Equal("/shop/test", role.ParameterPath);
        Assert.Equal(2, s3.Count);
        Assert.All(s3, s => Assert.Equal([namedId], TemplateQueries.ReferencedIds(s.Statement["Resource"]).Distinct()));
        Assert.Equal(["s3:GetObject", "s3:ListBucket", "s3:PutObject"], s3.SelectMany(s => s.Actions).Order());
        var bucketKey = Assert.Single(statements, s => s.Actions.Contains("kms:GenerateDataKey"));
        Assert.Equal(template.KeyIdOfAlias("alias/shop/test/s3"), TemplateQueries.ReferencedId(bucketKey.Statement["Resource"]));
        Assert.Equal("s3.eu-west-1.amazonaws.com", (string?)bucketKey.ConditionValue("StringEquals", "kms:ViaService"));
    }

    [Fact]
    public void IAM_05_roles_refuse_allowed_regions_without_their_own_region()
    {
        var harness = new ConstructHarness();

        var error = Assert.Throws<ArgumentException>(() => new TaskRole(harness.Stack, "TaskRole", new TaskRoleProps
        {
            Application = "shop",
            Environment = "test",
            AllowedRegions = ["us-east-1"],
        }));

        Assert.Contains("does not include the stack's region eu-west-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IAM_04_task_role_refuses_an_aws_metrics_namespace()
    {
        var harness = new ConstructHarness();

        var error = Assert.Throws<ArgumentException>(() => new TaskRole(harness.Stack, "TaskRole", new TaskRoleProps
        {
            Application = "shop",
            Environment = "test",
            AllowedRegions = ["eu-west-1"],
            MetricsNamespace = "AWS/ECS",
        }));

        Assert.Contains("MetricsNamespace 'AWS/ECS'", error.Message, StringComparison.Ordinal);
    }
}
