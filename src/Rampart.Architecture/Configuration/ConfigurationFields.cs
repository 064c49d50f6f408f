namespace Rampart.Architecture.Configuration;

/// <summary>One field a configuration object accepts: its name in the file and what it accepts.</summary>
/// <param name="Name">The camelCase name used in YAML and JSON files.</param>
/// <param name="Required">True when the file must give it (there is no sensible default).</param>
/// <param name="Accepted">What the field accepts, as error lines print it.</param>
public sealed record ConfigurationField(string Name, bool Required, string Accepted);

/// <summary>
/// Every field the loader accepts, per object. The loader rejects any other name (suggesting the closest
/// of these), and a test holds <c>schemas/rampart.config.schema.json</c> to exactly these names, so the
/// file format, the schema and the loader cannot drift apart.
/// </summary>
public static class ConfigurationFields
{
    /// <summary>Application and component names: lower-case letters, digits, single hyphens, a letter first.</summary>
    public const string NameRule = "lower-case letters, digits and single hyphens, starting with a letter";

    public const int MaxApplicationNameLength = 20;

    public const int MaxComponentNameLength = 24;

    /// <summary>The top-level fields.</summary>
    public static IReadOnlyList<ConfigurationField> Root { get; } =
    [
        new("$schema", false, "the path or URL of rampart.config.schema.json, for editors (ignored)"),
        new("application", true, $"2 to {MaxApplicationNameLength} {NameRule}, not starting with aws or ssm (e.g. webapp)"),
        new("components", false, $"a list of unique component names, each 2 to {MaxComponentNameLength} {NameRule} (default: [app, database])"),
        new("applicationPort", false, "an integer from 1 to 65535 other than 22, 3389 and databasePort (default: 8080)"),
        new("databaseEngine", false, "postgres or mysql (default: postgres)"),
        new("databasePort", false, "the engine's port (postgres 5432, mysql 3306) or a custom port from 1150 to 65535 other than the other engine's port, 3389 and applicationPort"),
        new("phase", false, "1, 2 or 3 (default: 3)"),
        new("domainName", false, "a lower-case DNS name such as app.example.com"),
        new("certificate", false, "a mapping with source and, for an imported certificate, certificateArn"),
        new("allowedRegions", false, "a list of AWS commercial regions that includes every environment's region (default: the environments' regions)"),
        new("alertEmail", true, "an e-mail address such as security-alerts@example.com"),
        new("environments", true, "a list of one to three environments (dev, staging, prod), each with name, account, region, availabilityZones and vpcCidr"),
        new("monitoring", false, "a mapping with auditAccount, auditRegion, alertSeverityThreshold and pciDss"),
        new("image", false, "a mapping with repository and tag"),
    ];

    /// <summary>The fields of each item of <c>environments</c>.</summary>
    public static IReadOnlyList<ConfigurationField> Environment { get; } =
    [
        new("name", true, "dev, staging or prod, each at most once"),
        new("account", true, "a 12-digit AWS account ID, quoted in YAML (e.g. \"111111111111\")"),
        new("region", true, "an AWS commercial region such as eu-west-1"),
        new("availabilityZones", true, "a list of at least two different availability zones of the environment's region (e.g. [eu-west-1a, eu-west-1b])"),
        new("vpcCidr", true, "a private (RFC 1918) IPv4 block from /16 to /28 that holds the three tiers, e.g. 10.0.0.0/16"),
    ];

    /// <summary>The fields of <c>monitoring</c>.</summary>
    public static IReadOnlyList<ConfigurationField> Monitoring { get; } =
    [
        new("auditAccount", false, "a 12-digit AWS account ID that is not one of the environments' accounts (default: none, logs stay in each workload account)"),
        new("auditRegion", false, "an AWS commercial region, given only with auditAccount (default: the first environment's region)"),
        new("alertSeverityThreshold", false, "an integer from 1 to 100 on Security Hub's normalized scale (default: 70, HIGH)"),
        new("pciDss", false, "true or false (default: false)"),
    ];

    /// <summary>The fields of <c>image</c>.</summary>
    public static IReadOnlyList<ConfigurationField> Image { get; } =
    [
        new("repository", false, "an ECR repository name: 2 to 256 lower-case letters, digits and . _ - / separators (default: the application name)"),
        new("tag", false, "an immutable tag (letters, digits, . _ -, up to 128, never latest) or a sha256: digest (default: 1.0.0)"),
    ];

    /// <summary>The fields of <c>certificate</c>.</summary>
    public static IReadOnlyList<ConfigurationField> Certificate { get; } =
    [
        new("source", false, "dns-validated or imported (default: dns-validated)"),
        new("certificateArn", false, "an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID) in every environment's account and region, given only with source: imported"),
    ];

    /// <summary>
    /// Every object of the format by its path pattern (<c>""</c> is the root, <c>environments[]</c> an
    /// environment), so tests can hold the JSON Schema to the same names.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ConfigurationField>> ByObject { get; } =
        new Dictionary<string, IReadOnlyList<ConfigurationField>>
        {
            [""] = Root,
            ["environments[]"] = Environment,
            ["monitoring"] = Monitoring,
            ["image"] = Image,
            ["certificate"] = Certificate,
        };

    /// <summary>The values of <c>databaseEngine</c>, in the file's spelling.</summary>
    public static IReadOnlyDictionary<string, DatabaseEngine> DatabaseEngines { get; } =
        new Dictionary<string, DatabaseEngine> { ["postgres"] = DatabaseEngine.Postgres, ["mysql"] = DatabaseEngine.MySql };

    /// <summary>The values of <c>certificate.source</c>, in the file's spelling.</summary>
    public static IReadOnlyDictionary<string, CertificateSource> CertificateSources { get; } =
        new Dictionary<string, CertificateSource> { ["dns-validated"] = CertificateSource.DnsValidated, ["imported"] = CertificateSource.Imported };

    /// <summary>What a field accepts, by object and name.</summary>
    internal static string AcceptedFor(IReadOnlyList<ConfigurationField> fields, string name) =>
        fields.Single(f => f.Name == name).Accepted;
}
