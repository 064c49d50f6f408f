using Rampart.Architecture.Configuration;
using static Rampart.Architecture.Tests.Configuration.SampleConfiguration;

namespace Rampart.Architecture.Tests.Configuration;

/// <summary>One test per mistake: each asserts the exact line (file, line, column, field, value, accepted).</summary>
public sealed class ValidationTests
{
    private const string PortAccepted = "an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)";
    private const string DatabasePortAccepted = "the engine's port (postgres 5432, mysql 3306) or a custom port from 1150 to 65535 other than the other engine's port, 3389 and applicationPort";
    private const string RegionAccepted = "an AWS commercial region such as eu-west-1";
    private const string CidrAccepted = "a private (RFC 1918) IPv4 block from /16 to /28 that holds the three tiers, e.g. 10.0.0.0/16";
    private const string AccountAccepted = "a 12-digit AWS account ID, quoted in YAML (e.g. \"111111111111\")";
    private const string NameAccepted = "2 to 20 lower-case letters, digits and single hyphens, starting with a letter, not starting with aws or ssm (e.g. webapp)";
    private const string ArnAccepted = "an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID) in every environment's account and region, given only with source: imported";
    private const string TagAccepted = "an immutable tag (letters, digits, . _ -, up to 128, never latest) or a sha256: digest (default: 1.0.0)";
    private const string CertificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/0d3e1c7a-4b2f-4c8e-9a61-2f5b7c9d1e0f";

    [Fact]
    public void The_sample_is_valid()
    {
        var configuration = Load(Yaml);
        Assert.Equal("shop", configuration.Application);
        Assert.Equal(2, configuration.Environments.Count);
    }

    // Ports (NET-04..NET-07: the ports every security group and NACL rule is built from)

    [Theory]
    [InlineData("70000")]
    [InlineData("0")]
    [InlineData("-1")]
    public void NET_05_application_port_outside_1_to_65535_is_rejected(string port)
    {
        Assert.Equal(
            $"rampart.yaml:3:18: applicationPort: out of range ({port}); accepted: {PortAccepted}",
            SingleError(With("applicationPort: 8080", $"applicationPort: {port}")));
    }

    [Theory]
    [InlineData(22, "SSH")]
    [InlineData(3389, "RDP")]
    public void NET_07_application_port_22_or_3389_is_rejected(int port, string protocol)
    {
        Assert.Equal(
            $"rampart.yaml:3:18: applicationPort: {port} is {protocol}, which may never be opened ({port}); accepted: {PortAccepted}",
            SingleError(With("applicationPort: 8080", $"applicationPort: {port}")));
    }

    [Fact]
    public void NET_14_production_without_a_domain_is_rejected_from_phase_2()
    {
        Assert.Equal(
            "rampart.yaml:17:11: environments[1].name: production publishes the application from phase 2, which needs domainName (not set): without a domain the load balancer has no certificate for HTTPS (NET-14) and CloudFront accepts TLS 1.0 (NET-15) (prod, phase 2); accepted: a domainName such as app.example.com for prod from phase 2; without one, prod in phase 1 only, or dev and staging",
            SingleError(Without("domainName: shop.example.com")));
    }

    [Fact]
    public void Production_without_a_domain_is_accepted_in_phase_1_and_other_environments_in_any_phase()
    {
        Assert.True(ConfigurationLoader.Load(With(Without("domainName: shop.example.com"), "phase: 2", "phase: 1"), FileName).Succeeded);
        Assert.True(ConfigurationLoader.Load(With(Without("domainName: shop.example.com"), "  - name: prod", "  - name: staging"), FileName).Succeeded);
    }

    [Fact]
    public void NET_05_application_port_equal_to_the_database_port_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:3:18: applicationPort: the same as databasePort (5432); accepted: {PortAccepted}",
            SingleError(With("applicationPort: 8080", "applicationPort: 5432")));
    }

    [Fact]
    public void NET_06_database_port_of_the_other_engine_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:5:15: databasePort: mysql's port, but databaseEngine is postgres (3306); accepted: {DatabasePortAccepted}",
            SingleError(With("databasePort: 5432", "databasePort: 3306")));
    }

    [Fact]
    public void NET_06_custom_database_port_below_what_RDS_accepts_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:5:15: databasePort: below RDS's lowest custom port 1150 (1024); accepted: {DatabasePortAccepted}",
            SingleError(With("databasePort: 5432", "databasePort: 1024")));
    }

    [Fact]
    public void NET_06_database_port_3389_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:5:15: databasePort: 3389 is RDP, which may never be opened (3389); accepted: {DatabasePortAccepted}",
            SingleError(With("databasePort: 5432", "databasePort: 3389")));
    }

    [Fact]
    public void NET_06_database_port_outside_1_to_65535_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:5:15: databasePort: out of range (65536); accepted: {DatabasePortAccepted}",
            SingleError(With("databasePort: 5432", "databasePort: 65536")));
    }

    [Fact]
    public void NET_06_a_custom_database_port_and_each_engine_default_are_accepted()
    {
        Assert.Equal(6432, Load(With("databasePort: 5432", "databasePort: 6432")).DatabasePort);

        var mysql = Load(With(Without("databasePort: 5432"), "databaseEngine: postgres", "databaseEngine: mysql"));
        Assert.Equal((DatabaseEngine.MySql, 3306), (mysql.DatabaseEngine, mysql.DatabasePort));
    }

    // Network (NET-01: three tiers in at least two zones)

    [Theory]
    [InlineData("10.0.0/16")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.256/16")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.00.0.0/16")]
    [InlineData("ten/16")]
    public void NET_01_vpc_cidr_that_is_not_a_cidr_block_is_rejected(string cidr)
    {
        Assert.Equal(
            $"rampart.yaml:17:14: environments[0].vpcCidr: not an IPv4 CIDR block ({cidr}); accepted: {CidrAccepted}",
            SingleError(With("vpcCidr: 10.0.0.0/16", $"vpcCidr: {cidr}")));
    }

    [Fact]
    public void NET_01_vpc_cidr_with_host_bits_set_is_rejected_with_the_network_address()
    {
        Assert.Equal(
            "rampart.yaml:17:14: environments[0].vpcCidr: host bits are set (10.0.3.0/16); accepted: the network address 10.0.0.0/16, a block starts at a multiple of its size",
            SingleError(With("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.3.0/16")));
    }

    [Theory]
    [InlineData("8.8.0.0/16")]
    [InlineData("172.32.0.0/16")]
    [InlineData("192.169.0.0/16")]
    public void NET_01_vpc_cidr_that_is_not_private_is_rejected(string cidr)
    {
        Assert.Equal(
            $"rampart.yaml:17:14: environments[0].vpcCidr: not a private (RFC 1918) range ({cidr}); accepted: a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
            SingleError(With("vpcCidr: 10.0.0.0/16", $"vpcCidr: {cidr}")));
    }

    [Fact]
    public void NET_01_vpc_cidr_larger_than_a_slash_16_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:17:14: environments[0].vpcCidr: larger than AWS allows for a VPC (10.0.0.0/8); accepted: a prefix from /16 to /28",
            SingleError(With("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0.0/8")));
    }

    [Fact]
    public void NET_01_vpc_cidr_too_small_for_three_tiers_in_two_zones_is_rejected()
    {
        // Two zones: 2 x /24 public, 2 x /22 application (aligned, after a gap), 2 x /24 database = 14 /24s: a /20.
        Assert.Equal(
            "rampart.yaml:17:14: environments[0].vpcCidr: too small for the three tiers in 2 availability zones (10.0.0.0/21); accepted: a /20 or larger: each zone takes a /24 public, a /22 application and a /24 database subnet",
            SingleError(With("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0.0/21")));
        Assert.Equal("10.0.0.0/20", Load(With("vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0.0/20")).Environments[0].VpcCidr);
    }

    [Fact]
    public void NET_01_vpc_cidr_too_small_for_three_tiers_in_three_zones_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:22:14: environments[1].vpcCidr: too small for the three tiers in 3 availability zones (10.1.0.0/20); accepted: a /19 or larger: each zone takes a /24 public, a /22 application and a /24 database subnet",
            SingleError(With("vpcCidr: 10.1.0.0/16", "vpcCidr: 10.1.0.0/20")));
    }

    [Fact]
    public void NET_01_overlapping_vpc_cidrs_between_environments_are_rejected()
    {
        Assert.Equal(
            "rampart.yaml:22:14: environments[1].vpcCidr: overlaps environments[0].vpcCidr 10.0.0.0/16 (10.0.128.0/17); accepted: a block that overlaps no other environment's vpcCidr, so that the networks can be connected later",
            SingleError(With("vpcCidr: 10.1.0.0/16", "vpcCidr: 10.0.128.0/17")));
    }

    [Fact]
    public void NET_01_availability_zone_of_another_region_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:16:37: environments[0].availabilityZones[1]: not an availability zone of eu-west-1 (eu-west-2b); accepted: at least two different availability zones of eu-west-1, e.g. [eu-west-1a, eu-west-1b]",
            SingleError(With("[eu-west-1a, eu-west-1b]", "[eu-west-1a, eu-west-2b]")));
    }

    [Fact]
    public void NET_01_fewer_than_two_availability_zones_are_rejected()
    {
        Assert.Equal(
            "rampart.yaml:16:24: environments[0].availabilityZones: 1 zone, but every tier needs two (eu-west-1a); accepted: at least two different availability zones of eu-west-1, e.g. [eu-west-1a, eu-west-1b]",
            SingleError(With("[eu-west-1a, eu-west-1b]", "[eu-west-1a]")));
    }

    [Fact]
    public void NET_01_duplicated_availability_zones_are_rejected()
    {
        Assert.Equal(
            "rampart.yaml:16:37: environments[0].availabilityZones[1]: listed twice (eu-west-1a); accepted: at least two different availability zones of eu-west-1, e.g. [eu-west-1a, eu-west-1b]",
            SingleError(With("[eu-west-1a, eu-west-1b]", "[eu-west-1a, eu-west-1a, eu-west-1b]")));
    }

    // Regions (IAM-05: aws:RequestedRegion)

    [Fact]
    public void IAM_05_unknown_region_is_rejected_with_the_closest_known_one()
    {
        Assert.Equal(
            $"rampart.yaml:15:13: environments[0].region: not an AWS commercial region (eu-west-l) (did you mean eu-west-1?); accepted: {RegionAccepted}",
            SingleError(With("region: eu-west-1", "region: eu-west-l")));
    }

    [Fact]
    public void IAM_05_allowed_regions_must_include_every_environment_region()
    {
        Assert.Equal(
            "rampart.yaml:10:17: allowedRegions: does not include environments[1].region (eu-central-1); accepted: a list of AWS commercial regions that includes every environment's region (default: the environments' regions)",
            SingleError(With("allowedRegions: [eu-west-1, eu-central-1]", "allowedRegions: [eu-west-1]")));
    }

    [Fact]
    public void IAM_05_unknown_allowed_region_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:10:29: allowedRegions[1]: not an AWS commercial region (mars-north-1); accepted: {RegionAccepted}",
            SingleError(With("allowedRegions: [eu-west-1, eu-central-1]", "allowedRegions: [eu-west-1, mars-north-1, eu-central-1]")));
    }

    // Environments and accounts

    [Fact]
    public void Duplicate_environment_names_are_rejected()
    {
        Assert.Equal(
            "rampart.yaml:18:11: environments[1].name: a second environment with this name (dev); accepted: dev, staging or prod, each at most once",
            SingleError(With("  - name: prod", "  - name: dev")));
    }

    [Fact]
    public void Environment_name_outside_the_seed_identifiers_is_rejected_with_a_suggestion()
    {
        Assert.Equal(
            "rampart.yaml:18:11: environments[1].name: not an environment name (stagin) (did you mean staging?); accepted: dev, staging or prod, each at most once",
            SingleError(With("  - name: prod", "  - name: stagin")));
    }

    [Theory]
    [InlineData("\"11111111111\"", "11111111111")]
    [InlineData("\"1111-1111-1111\"", "1111-1111-1111")]
    [InlineData("abcdefghijkl", "abcdefghijkl")]
    public void Bad_account_id_is_rejected(string yamlValue, string value)
    {
        Assert.Equal(
            $"rampart.yaml:14:14: environments[0].account: not a 12-digit account ID ({value}); accepted: {AccountAccepted}",
            SingleError(With("account: \"111111111111\"", $"account: {yamlValue}")));
    }

    [Fact]
    public void Unquoted_account_id_keeps_its_leading_zero()
    {
        // YAML would read 012345678901 as a number; the loader reads the text as written.
        Assert.Equal("012345678901", Load(With("account: \"111111111111\"", "account: 012345678901")).Environments[0].Account);
    }

    // Names (SEC-04/SEC-05: /<environment>/<application>/<component>/<secret-type>)

    [Theory]
    [InlineData("Shop", "not a valid name (Shop)")]
    [InlineData("1shop", "not a valid name (1shop)")]
    [InlineData("shop_app", "not a valid name (shop_app)")]
    [InlineData("shop-", "not a valid name (shop-)")]
    [InlineData("shop--app", "not a valid name (shop--app)")]
    [InlineData("s", "not a valid name (s)")]
    [InlineData("a-very-long-application", "longer than 20 characters (a-very-long-application)")]
    [InlineData("awsome", "starts with a prefix AWS reserves for parameter names (awsome)")]
    [InlineData("ssm-tools", "starts with a prefix AWS reserves for parameter names (ssm-tools)")]
    public void SEC_04_application_name_outside_the_naming_convention_is_rejected(string name, string problem)
    {
        Assert.Equal(
            $"rampart.yaml:1:14: application: {problem}; accepted: {NameAccepted}",
            SingleError(With("application: shop", $"application: {name}")));
    }

    [Fact]
    public void SEC_04_component_name_outside_the_naming_convention_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:2:19: components[1]: not a valid name (Database); accepted: a list of unique component names, each 2 to 24 lower-case letters, digits and single hyphens, starting with a letter (default: [app, database])",
            SingleError(With("components: [web, database]", "components: [web, Database]")));
    }

    [Fact]
    public void SEC_04_duplicate_component_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:2:19: components[1]: listed twice (web); accepted: a list of unique component names, each 2 to 24 lower-case letters, digits and single hyphens, starting with a letter (default: [app, database])",
            SingleError(With("components: [web, database]", "components: [web, web]")));
    }

    // Phase, e-mail, monitoring

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Phase_outside_1_to_3_is_rejected(int phase)
    {
        Assert.Equal(
            $"rampart.yaml:6:8: phase: not a phase ({phase}); accepted: 1, 2 or 3 (default: 3)",
            SingleError(With("phase: 2", $"phase: {phase}")));
    }

    [Theory]
    [InlineData("alerts.example.com")]
    [InlineData("alerts@example")]
    [InlineData("alerts@@example.com")]
    [InlineData("security alerts@example.com")]
    public void MON_06_bad_alert_email_is_rejected(string address)
    {
        Assert.Equal(
            $"rampart.yaml:11:13: alertEmail: not an e-mail address ({address}); accepted: an e-mail address such as security-alerts@example.com",
            SingleError(With("alertEmail: alerts@example.com", $"alertEmail: {address}")));
    }

    [Fact]
    public void MON_01_audit_account_that_is_a_workload_account_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:24:17: monitoring.auditAccount: the account of environments[1], but audit logs need a dedicated account (333333333333); accepted: a 12-digit AWS account ID that is not one of the environments' accounts (default: none, logs stay in each workload account)",
            SingleError(With("auditAccount: \"444444444444\"", "auditAccount: \"333333333333\"")));
    }

    [Fact]
    public void MON_01_audit_region_without_audit_account_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:24:16: monitoring.auditRegion: given without auditAccount, so there is no audit stack to place (eu-west-1); accepted: an AWS commercial region, given only with auditAccount (default: the first environment's region)",
            SingleError(With("auditAccount: \"444444444444\"", "auditRegion: eu-west-1")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void MON_06_alert_severity_threshold_outside_1_to_100_is_rejected(int threshold)
    {
        Assert.Equal(
            $"rampart.yaml:25:27: monitoring.alertSeverityThreshold: out of range ({threshold}); accepted: an integer from 1 to 100 on Security Hub's normalized scale (default: 70, HIGH)",
            SingleError(With("alertSeverityThreshold: 70", $"alertSeverityThreshold: {threshold}")));
    }

    // Certificates (SEC-08, NET-14)

    [Fact]
    public void SEC_08_imported_certificate_without_arn_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:9:3: certificate.certificateArn: missing for source imported; accepted: {ArnAccepted}",
            SingleError(With("source: dns-validated", "source: imported")));
    }

    [Theory]
    [InlineData("arn:aws:acm:eu-west-1:111111111111:certificate/not-a-uuid")]
    [InlineData("arn:aws:iam::111111111111:server-certificate/shop")]
    [InlineData("arn:aws-cn:acm:cn-north-1:111111111111:certificate/0d3e1c7a-4b2f-4c8e-9a61-2f5b7c9d1e0f")]
    public void SEC_08_certificate_arn_in_the_wrong_format_is_rejected(string arn)
    {
        var text = OneEnvironmentWithCertificate(arn);
        Assert.Equal(
            $"rampart.yaml:10:19: certificate.certificateArn: not an ACM certificate ARN ({arn}); accepted: {ArnAccepted}",
            SingleError(text));
    }

    [Fact]
    public void SEC_08_certificate_arn_in_another_region_is_rejected()
    {
        var arn = CertificateArn.Replace("eu-west-1", "us-east-1");
        Assert.Equal(
            $"rampart.yaml:10:19: certificate.certificateArn: in us-east-1, but environments[0] (dev) is in eu-west-1 ({arn}); accepted: a certificate in the region of every environment (eu-west-1); use dns-validated for environments in several regions",
            SingleError(OneEnvironmentWithCertificate(arn)));
    }

    [Fact]
    public void SEC_08_certificate_arn_in_another_account_is_rejected()
    {
        var arn = CertificateArn.Replace("111111111111", "555555555555");
        Assert.Equal(
            $"rampart.yaml:10:19: certificate.certificateArn: in account 555555555555, but environments[0] (dev) is account 111111111111 ({arn}); accepted: a certificate in the account of every environment (111111111111); use dns-validated for environments in several accounts",
            SingleError(OneEnvironmentWithCertificate(arn)));
    }

    [Fact]
    public void SEC_08_imported_certificate_in_the_environment_account_and_region_is_accepted()
    {
        var configuration = Load(OneEnvironmentWithCertificate(CertificateArn));
        Assert.Equal((CertificateSource.Imported, CertificateArn), (configuration.Certificate.Source, configuration.Certificate.CertificateArn));
    }

    [Fact]
    public void SEC_08_imported_certificate_without_domain_name_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:9:11: certificate.source: imported, but no domainName is given for the certificate to serve (imported); accepted: imported together with domainName, or dns-validated",
            SingleError(OneEnvironmentWithCertificate(CertificateArn).Replace("domainName: shop.example.com", "# no domain name")));
    }

    [Fact]
    public void SEC_08_certificate_arn_with_dns_validation_is_rejected()
    {
        var text = With("  source: dns-validated", $"  source: dns-validated\n  certificateArn: {CertificateArn}");
        Assert.Equal(
            $"rampart.yaml:10:19: certificate.certificateArn: given with source dns-validated, where it is not used ({CertificateArn}); accepted: {ArnAccepted}",
            SingleError(text));
    }

    // Image (CTR-09: immutable tags)

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    public void CTR_09_image_tag_latest_is_rejected(string tag)
    {
        Assert.Equal(
            $"rampart.yaml:29:8: image.tag: a moving tag that names no fixed image ({tag}); accepted: {TagAccepted}",
            SingleError(With("tag: \"2.3.1\"", $"tag: {tag}")));
    }

    [Fact]
    public void CTR_09_malformed_digest_is_rejected()
    {
        Assert.Equal(
            $"rampart.yaml:29:8: image.tag: not a sha256 digest of 64 lower-case hex digits (sha256:abc); accepted: {TagAccepted}",
            SingleError(With("tag: \"2.3.1\"", "tag: \"sha256:abc\"")));
    }

    [Fact]
    public void CTR_09_bad_repository_name_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:28:15: image.repository: not an ECR repository name (Shop/App); accepted: an ECR repository name: 2 to 256 lower-case letters, digits and . _ - / separators (default: the application name)",
            SingleError(With("repository: shop", "repository: Shop/App")));
    }

    [Fact]
    public void Configuration_built_in_code_is_validated_without_positions()
    {
        var configuration = Load(Yaml) with { ApplicationPort = 22 };
        Assert.Equal(
            [$"<code>: applicationPort: 22 is SSH, which may never be opened (22); accepted: {PortAccepted}"],
            ConfigurationValidator.Validate(configuration).Select(e => e.ToString()));
        Assert.Empty(ConfigurationValidator.Validate(Load(Yaml)));
    }

    /// <summary>The sample reduced to its dev environment (eu-west-1, 111111111111) with an imported certificate.</summary>
    private static string OneEnvironmentWithCertificate(string arn)
    {
        var text = With("  source: dns-validated", $"  source: imported\n  certificateArn: {arn}");
        text = With(text, "allowedRegions: [eu-west-1, eu-central-1]", "allowedRegions: [eu-west-1]");
        var prod = text.IndexOf("  - name: prod", StringComparison.Ordinal);
        var monitoring = text.IndexOf("monitoring:", StringComparison.Ordinal);
        return text.Remove(prod, monitoring - prod);
    }
}
