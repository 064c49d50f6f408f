using System.Text.Json;
using Rampart.Architecture.Configuration;
using static Rampart.Architecture.Tests.Configuration.SampleConfiguration;

namespace Rampart.Architecture.Tests.Configuration;

/// <summary>The file format: syntax, field names, types, required fields, defaults, YAML and JSON alike.</summary>
public sealed class LoaderTests
{
    private const string RootFields = "$schema, application, components, applicationPort, databaseEngine, databasePort, phase, domainName, certificate, allowedRegions, alertEmail, environments, monitoring, image";

    [Fact]
    public void Malformed_yaml_is_reported_with_the_parser_position()
    {
        Assert.Equal(
            "rampart.yaml:15:4: (syntax): malformed YAML (While parsing a block collection, did not find expected '-' indicator.); accepted: a YAML mapping of the documented fields (or JSON)",
            SingleError(With("    region: eu-west-1", "   region: eu-west-1")));
    }

    [Fact]
    public void Unclosed_yaml_flow_list_is_reported_near_where_the_parser_stopped()
    {
        var error = SingleError(With("allowedRegions: [eu-west-1, eu-central-1]", "allowedRegions: [eu-west-1, eu-central-1"));
        Assert.StartsWith("rampart.yaml:1", error, StringComparison.Ordinal);
        Assert.Contains(": (syntax): malformed YAML (", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("domainName: |\n  shop.example.com\n  second line", "rampart.yaml:7:13: domainName: not a lower-case DNS name (shop.example.com\\u000Asecond line\\u000A); accepted: a lower-case DNS name such as app.example.com")]
    [InlineData("domainName: \"shop\\e[2J.example.com\"", "rampart.yaml:7:13: domainName: not a lower-case DNS name (shop\\u001B[2J.example.com); accepted: a lower-case DNS name such as app.example.com")]
    public void A_value_quoted_in_an_error_keeps_the_error_on_one_printable_line(string domainName, string expected)
    {
        // Found by mutating the default configuration: a block scalar's line breaks, or an escape sequence, went out as they were.
        Assert.Equal(expected, SingleError(With("domainName: shop.example.com", domainName)));
    }

    [Fact]
    public void Malformed_json_is_reported_with_the_json_parser_position()
    {
        const string json = """
            {
              "application": "shop",
              "alertEmail": "alerts@example.com",
            }
            """;
        Assert.Equal(
            ["rampart.json:4:1: (syntax): malformed JSON (The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options); accepted: JSON (RFC 8259) without comments or trailing commas"],
            Errors(json, "rampart.json"));
    }

    [Fact]
    public void Json_comments_are_rejected_even_though_yaml_would_take_them()
    {
        var error = Assert.Single(Errors("{\n  # a comment\n  \"application\": \"shop\"\n}", "rampart.json"));
        Assert.StartsWith("rampart.json:2:3: (syntax): malformed JSON (", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.Equal(["rampart.yaml:1:1: (syntax): the file is empty; accepted: a mapping of the documented fields"], Errors("# nothing here\n"));
    }

    [Fact]
    public void Second_yaml_document_is_rejected()
    {
        Assert.Equal(
            ["rampart.yaml:30:1: (syntax): a second YAML document (---); accepted: one document per file"],
            Errors(Yaml + "---\napplication: other\n"));
    }

    [Fact]
    public void Unsupported_extension_is_rejected()
    {
        Assert.Equal(["rampart.toml:1:1: (file): unsupported file extension (.toml); accepted: .yaml, .yml or .json"], Errors(Yaml, "rampart.toml"));
    }

    [Fact]
    public void Root_that_is_not_a_mapping_is_rejected()
    {
        Assert.Equal(
            ["rampart.yaml:1:1: (root): expected a mapping of fields, got a list; accepted: a mapping with application, alertEmail, environments and the optional fields"],
            Errors("- application: shop\n"));
    }

    [Fact]
    public void Unknown_field_is_rejected_with_the_closest_known_name()
    {
        Assert.Equal(
            $"rampart.yaml:3:1: aplicationPort: unknown field (did you mean applicationPort?); accepted: {RootFields}",
            SingleError(With("applicationPort: 8080", "aplicationPort: 8080")));
    }

    [Fact]
    public void Unknown_field_in_an_environment_is_rejected_with_the_closest_known_name()
    {
        Assert.Equal(
            "rampart.yaml:17:5: environments[0].vpcCIDR: unknown field (did you mean vpcCidr?); accepted: name, account, region, availabilityZones, vpcCidr",
            // The misspelt field also leaves vpcCidr missing; both are reported.
            Errors(With("vpcCidr: 10.0.0.0/16", "vpcCIDR: 10.0.0.0/16"))[1]);
    }

    [Fact]
    public void Unknown_field_far_from_any_known_name_gets_no_suggestion()
    {
        Assert.Equal(
            "rampart.yaml:30:3: image.registry: unknown field; accepted: repository, tag",
            SingleError(Yaml + "  registry: ghcr.io\n"));
    }

    [Fact]
    public void Field_given_twice_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:4:1: applicationPort: given twice; accepted: each field once",
            SingleError(With("applicationPort: 8080\n", "applicationPort: 8080\napplicationPort: 9090\n")));
    }

    [Fact]
    public void Missing_required_top_level_field_is_reported_at_the_start_of_its_mapping()
    {
        Assert.Equal(
            "rampart.yaml:1:1: alertEmail: missing required field; accepted: an e-mail address such as security-alerts@example.com",
            SingleError(Without("alertEmail: alerts@example.com")));
    }

    [Fact]
    public void Missing_required_environment_field_is_reported_at_its_environment()
    {
        Assert.Equal(
            "rampart.yaml:13:5: environments[0].region: missing required field; accepted: an AWS commercial region such as eu-west-1",
            SingleError(Without("    region: eu-west-1")));
    }

    [Fact]
    public void Required_field_given_empty_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:1:13: application: given empty; accepted: 2 to 20 lower-case letters, digits and single hyphens, starting with a letter, not starting with aws or ssm (e.g. webapp)",
            SingleError(With("application: shop", "application:")));
    }

    [Fact]
    public void Quoted_number_where_an_integer_is_expected_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:3:18: applicationPort: expected an integer, got the string \"8080\"; accepted: an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)",
            SingleError(With("applicationPort: 8080", "applicationPort: \"8080\"")));
    }

    [Fact]
    public void Integer_too_large_for_any_field_is_out_of_range()
    {
        Assert.Equal(
            "rampart.yaml:3:18: applicationPort: out of range (99999999999); accepted: an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)",
            SingleError(With("applicationPort: 8080", "applicationPort: 99999999999")));
    }

    [Fact]
    public void Scalar_where_a_list_is_expected_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:16:24: environments[0].availabilityZones: expected a list, got \"eu-west-1a\"; accepted: a list of at least two different availability zones of the environment's region (e.g. [eu-west-1a, eu-west-1b])",
            SingleError(With("[eu-west-1a, eu-west-1b]", "eu-west-1a")));
    }

    [Fact]
    public void Unknown_enumeration_value_is_rejected_with_a_suggestion()
    {
        Assert.Equal(
            "rampart.yaml:4:17: databaseEngine: not a known value (postgresql) (did you mean postgres?); accepted: postgres or mysql (default: postgres)",
            SingleError(With("databaseEngine: postgres", "databaseEngine: postgresql")));
    }

    [Fact]
    public void Non_boolean_is_rejected()
    {
        Assert.Equal(
            "rampart.yaml:26:11: monitoring.pciDss: expected true or false, got \"yes\"; accepted: true or false (default: false)",
            SingleError(With("pciDss: false", "pciDss: yes")));
    }

    [Fact]
    public void Several_mistakes_are_reported_together_in_file_order()
    {
        var text = With("applicationPort: 8080", "applicationPort: 22");
        text = With(text, "phase: 2", "phase: 7");
        text = With(text, "region: eu-central-1", "region: eu-centrl-1");
        text = With(text, "vpcCidr: 10.0.0.0/16", "vpcCidr: 8.8.0.0/16");
        text = With(text, "tag: \"2.3.1\"", "tag: latest");
        text = With(text, "alertEmail: alerts@example.com", "alertEmail: nobody");

        Assert.Equal(
            [
                "rampart.yaml:3:18: applicationPort: 22 is SSH, which may never be opened (22); accepted: an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)",
                "rampart.yaml:6:8: phase: not a phase (7); accepted: 1, 2 or 3 (default: 3)",
                "rampart.yaml:11:13: alertEmail: not an e-mail address (nobody); accepted: an e-mail address such as security-alerts@example.com",
                "rampart.yaml:17:14: environments[0].vpcCidr: not a private (RFC 1918) range (8.8.0.0/16); accepted: a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
                "rampart.yaml:20:13: environments[1].region: not an AWS commercial region (eu-centrl-1) (did you mean eu-central-1?); accepted: an AWS commercial region such as eu-west-1",
                "rampart.yaml:29:8: image.tag: a moving tag that names no fixed image (latest); accepted: an immutable tag (letters, digits, . _ -, up to 128, never latest) or a sha256: digest (default: 1.0.0)",
            ],
            Errors(text));
    }

    [Fact]
    public void Yaml_and_json_files_load_identically()
    {
        const string json = """
            {
              "application": "shop",
              "components": ["web", "database"],
              "applicationPort": 8080,
              "databaseEngine": "postgres",
              "databasePort": 5432,
              "phase": 2,
              "domainName": "shop.example.com",
              "certificate": { "source": "dns-validated" },
              "allowedRegions": ["eu-west-1", "eu-central-1"],
              "alertEmail": "alerts@example.com",
              "environments": [
                { "name": "dev", "account": "111111111111", "region": "eu-west-1",
                  "availabilityZones": ["eu-west-1a", "eu-west-1b"], "vpcCidr": "10.0.0.0/16" },
                { "name": "prod", "account": "333333333333", "region": "eu-central-1",
                  "availabilityZones": ["eu-central-1a", "eu-central-1b", "eu-central-1c"], "vpcCidr": "10.1.0.0/16" }
              ],
              "monitoring": { "auditAccount": "444444444444", "alertSeverityThreshold": 70, "pciDss": false },
              "image": { "repository": "shop", "tag": "2.3.1" }
            }
            """;

        var fromYaml = Load(Yaml);
        var fromJson = Load(json, "rampart.json");

        Assert.Equal(JsonSerializer.Serialize(fromYaml), JsonSerializer.Serialize(fromJson));
        Assert.Equal("eu-west-1", fromJson.Monitoring.AuditRegion); // derived the same way from both
    }

    [Fact]
    public void Json_errors_carry_json_positions()
    {
        const string json = "{\n  \"application\": \"shop\",\n  \"alertEmail\": \"alerts@example.com\",\n  \"environments\": [],\n  \"applicationPort\": 70000\n}\n";
        Assert.Equal(
            [
                "rampart.json:4:19: environments: an empty list; accepted: a list of one to three environments (dev, staging, prod), each with name, account, region, availabilityZones and vpcCidr",
                "rampart.json:5:22: applicationPort: out of range (70000); accepted: an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)",
            ],
            Errors(json, "rampart.json"));
    }

    [Fact]
    public void Optional_fields_take_their_documented_defaults()
    {
        const string minimal = """
            application: shop
            alertEmail: alerts@example.com
            environments:
              - name: dev
                account: "111111111111"
                region: us-east-2
                availabilityZones: [us-east-2a, us-east-2b]
                vpcCidr: 192.168.0.0/16
            """;

        var configuration = Load(minimal);

        Assert.Equal(["app", "database"], configuration.Components);
        Assert.Equal(8080, configuration.ApplicationPort);
        Assert.Equal((DatabaseEngine.Postgres, 5432), (configuration.DatabaseEngine, configuration.DatabasePort));
        Assert.Equal(3, configuration.Phase);
        Assert.Null(configuration.DomainName);
        Assert.Equal(new CertificateConfiguration(), configuration.Certificate);
        Assert.Equal(["us-east-2"], configuration.AllowedRegions);
        Assert.Equal(new MonitoringConfiguration(), configuration.Monitoring);
        Assert.Equal(new ContainerImageConfiguration { Repository = "shop", Tag = "1.0.0" }, configuration.Image);
    }

    [Fact]
    public void Mysql_without_a_port_gets_3306()
    {
        var configuration = Load(Without("databasePort: 5432").Replace("databaseEngine: postgres", "databaseEngine: mysql"));
        Assert.Equal(3306, configuration.DatabasePort);
    }

    [Fact]
    public void Yaml_anchors_and_aliases_are_resolved()
    {
        var text = With("availabilityZones: [eu-west-1a, eu-west-1b]", "availabilityZones: &zones [eu-west-1a, eu-west-1b]");
        text = With(text, "  - name: prod", "  - name: staging\n    account: \"222222222222\"\n    region: eu-west-1\n    availabilityZones: *zones\n    vpcCidr: 10.2.0.0/16\n  - name: prod");
        Assert.Equal(["eu-west-1a", "eu-west-1b"], Load(text).Environments[1].AvailabilityZones);
    }

    [Fact]
    public void The_default_configuration_loads_from_the_embedded_file()
    {
        var configuration = DefaultConfiguration.Value;

        Assert.Contains("# Rampart configuration", DefaultConfiguration.Text, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(ConfigurationLoader.Load(DefaultConfiguration.Text, "default.yaml").Configuration), JsonSerializer.Serialize(configuration));
        Assert.Equal("webapp", configuration.Application);
        Assert.Equal(3, configuration.Phase);
        var environment = Assert.Single(configuration.Environments);
        Assert.Equal(("dev", "111111111111", "eu-west-1", "10.0.0.0/16"), (environment.Name, environment.Account, environment.Region, environment.VpcCidr));
        Assert.Equal(["eu-west-1a", "eu-west-1b"], environment.AvailabilityZones);
        Assert.Equal(["eu-west-1"], configuration.AllowedRegions);
        Assert.Equal("security-alerts@example.com", configuration.AlertEmail);
        Assert.Equal("app.example.com", configuration.DomainName);
    }

    [Theory]
    [InlineData("schemas/examples/three-environments.yaml")]
    [InlineData("schemas/examples/minimal.json")]
    public void The_examples_load(string path)
    {
        Assert.NotEmpty(Load(RepositoryFiles.Read(path), path).Environments);
    }
}
