using Rampart.Architecture.Configuration;
using Rampart.Architecture.Secrets;
using Rampart.Architecture.Tests.Data;

namespace Rampart.Architecture.Tests.Secrets;

/// <summary>The secrets constructs and naming used on their own.</summary>
[Collection(DefaultArchitectureCollection.Name)]
public sealed class SecretsConstructTests
{
    private const string CertificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/0d1c2b3a-4e5f-6789-abcd-ef0123456789";

    [Fact]
    public void SEC_04_and_SEC_05_names_are_built_in_the_seeds_order()
    {
        Assert.Equal("/prod/webapp/external/payment-api-key", ResourceNames.Secret("prod", "webapp", "external", "payment-api-key"));
        Assert.Equal("/webapp/prod/features/new-checkout-enabled", ResourceNames.Parameter("webapp", "prod", "features", "new-checkout-enabled"));
        Assert.Equal("alias/webapp/prod/rds", ResourceNames.KeyAlias("webapp", "prod", "rds"));
    }

    [Theory]
    [InlineData("Prod")]
    [InlineData("prod/eu")]
    [InlineData("-prod")]
    [InlineData("")]
    public void SEC_04_and_SEC_05_bad_segments_are_refused(string environment)
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceNames.Secret(environment, "webapp", "database", "credentials"));

        Assert.Contains($"environment '{environment}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_05_parameters_refuse_components_outside_the_configuration()
    {
        var harness = new ConstructHarness();
        var parameters = new ConfigurationParameters(harness.Stack, "Parameters", new ConfigurationParametersProps
        {
            Application = "shop",
            Environment = "test",
            Components = ["app"],
        });

        var error = Assert.Throws<ArgumentException>(() => parameters.Add("billing", "limit", "5", "a limit"));

        Assert.Contains("'billing' is not one of the configured components", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SEC_08_imported_certificate_is_used_by_arn()
    {
        var harness = new ConstructHarness();

        var certificate = new TlsCertificate(harness.Stack, "Certificate", new TlsCertificateProps
        {
            Source = CertificateSource.Imported,
            CertificateArn = CertificateArn,
        });

        Assert.Equal(CertificateArn, certificate.Certificate.CertificateArn);
        Assert.Empty(harness.Synthesize().OfType("AWS::CertificateManager::Certificate"));
    }

    [Theory]
    [InlineData("eu-west-1", "arn:aws:iam::111111111111:server-certificate/legacy", "is not an ACM certificate ARN")]
    [InlineData("us-east-1", CertificateArn, "only uses certificates of its own region (us-east-1)")]
    [InlineData("eu-west-1", null, "CertificateArn is missing")]
    public void SEC_08_certificates_not_from_acm_in_the_region_are_refused(string region, string? arn, string message)
    {
        var harness = new ConstructHarness(region);

        var error = Assert.Throws<ArgumentException>(() => new TlsCertificate(harness.Stack, "Certificate", new TlsCertificateProps
        {
            Source = CertificateSource.Imported,
            CertificateArn = arn,
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
