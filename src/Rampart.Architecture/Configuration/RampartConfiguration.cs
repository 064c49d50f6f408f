namespace Rampart.Architecture.Configuration;

/// <summary>The database engines the architecture deploys (RDS); <c>databaseEngine</c> in the file.</summary>
public enum DatabaseEngine
{
    /// <summary><c>postgres</c>: PostgreSQL, port 5432 by default.</summary>
    Postgres,

    /// <summary><c>mysql</c>: MySQL, port 3306 by default.</summary>
    MySql,
}

/// <summary>
/// The whole configuration: the seed's placeholders and little else.
/// Loaded and validated by <see cref="ConfigurationLoader"/> before any construct is built; the file's
/// fields (camelCase) are listed in <see cref="ConfigurationFields"/> and docs/configuration.md.
/// </summary>
public sealed record RampartConfiguration
{
    /// <summary>The seed's <c>&lt;application&gt;</c>: lower-case letters, digits and hyphens.</summary>
    public required string Application { get; init; }

    /// <summary>The seed's <c>&lt;component&gt;</c> names (e.g. <c>app</c>, <c>database</c>).</summary>
    public IReadOnlyList<string> Components { get; init; } = ["app", "database"];

    /// <summary>The seed's <c>&lt;applicationPort&gt;</c>: the port the containers listen on.</summary>
    public int ApplicationPort { get; init; } = 8080;

    /// <summary>
    /// The seed's <c>&lt;databasePort&gt;</c>: the engine's port (the loader's default: 5432 or 3306) or a
    /// custom port from 1150 to 65535.
    /// </summary>
    public int DatabasePort { get; init; } = 5432;

    /// <summary>The RDS engine.</summary>
    public DatabaseEngine DatabaseEngine { get; init; } = DatabaseEngine.Postgres;

    /// <summary>The seed's implementation phase, 1 to 3: each phase adds controls, never weakens one.</summary>
    public int Phase { get; init; } = 3;

    /// <summary>
    /// The phase from which the application's containers run, and are published when there is a domain (the seed's phase
    /// 2: "Configure container security policies"; nothing runs before the policies do).
    /// </summary>
    public const int ContainersPhase = 2;

    /// <summary>The public domain name served through CloudFront, if any.</summary>
    public string? DomainName { get; init; }

    /// <summary>Where the TLS certificates come from (ACM).</summary>
    public CertificateConfiguration Certificate { get; init; } = new();

    /// <summary>
    /// The regions policies may act in (<c>aws:RequestedRegion</c>); always includes every environment's
    /// region. The loader defaults it to the environments' regions.
    /// </summary>
    public IReadOnlyList<string> AllowedRegions { get; init; } = [];

    /// <summary>Where security alerts are e-mailed.</summary>
    public required string AlertEmail { get; init; }

    /// <summary>One or more environments (dev, staging, prod), each its own account, region and VPC.</summary>
    public required IReadOnlyList<EnvironmentConfiguration> Environments { get; init; }

    /// <summary>Security monitoring settings (audit account, alert threshold, standards).</summary>
    public MonitoringConfiguration Monitoring { get; init; } = new();

    /// <summary>The application's container image (the user's own).</summary>
    public ContainerImageConfiguration Image { get; init; } = new();
}

/// <summary>Security monitoring settings.</summary>
public sealed record MonitoringConfiguration
{
    /// <summary>
    /// The 12-digit account that keeps CloudTrail logs (the seed's "dedicated audit account").
    /// When null the audit bucket lives in each workload account.
    /// </summary>
    public string? AuditAccount { get; init; }

    /// <summary>
    /// The region of the audit account's stack. Given only with <see cref="AuditAccount"/>; the loader
    /// then defaults it to the first environment's region. Null when there is no audit account.
    /// </summary>
    public string? AuditRegion { get; init; }

    /// <summary>Findings at or above this normalized severity (1-100, Security Hub's scale) are alerted. 70 = HIGH.</summary>
    public int AlertSeverityThreshold { get; init; } = 70;

    /// <summary>Subscribe Security Hub to PCI DSS as well (the seed: "if applicable").</summary>
    public bool PciDss { get; init; }
}

/// <summary>The application's container image: an ECR repository name and a tag or digest.</summary>
public sealed record ContainerImageConfiguration
{
    /// <summary>The ECR repository name the architecture creates and the service pulls from; the loader defaults it to the application name.</summary>
    public string Repository { get; init; } = "webapp";

    /// <summary>An immutable tag (never <c>latest</c>) or a <c>sha256:</c> digest.</summary>
    public string Tag { get; init; } = "1.0.0";
}

/// <summary>How ACM certificates are obtained.</summary>
public enum CertificateSource
{
    /// <summary>ACM issues the certificate, validated through DNS.</summary>
    DnsValidated,

    /// <summary>An existing ACM certificate, named by ARN.</summary>
    Imported,
}

/// <summary>Where the TLS certificate for <see cref="RampartConfiguration.DomainName"/> comes from.</summary>
public sealed record CertificateConfiguration
{
    /// <summary><c>dns-validated</c> (the default) or <c>imported</c>.</summary>
    public CertificateSource Source { get; init; } = CertificateSource.DnsValidated;

    /// <summary>
    /// The ARN of an existing ACM certificate (for <see cref="CertificateSource.Imported"/> only), validated
    /// to be in every environment's account and region.
    /// </summary>
    public string? CertificateArn { get; init; }
}

/// <summary>One deployment target: the seed's <c>&lt;environment&gt;</c>.</summary>
public sealed record EnvironmentConfiguration
{
    /// <summary>dev, staging or prod (the seed's environment identifiers).</summary>
    public required string Name { get; init; }

    /// <summary>The 12-digit AWS account ID.</summary>
    public required string Account { get; init; }

    /// <summary>An AWS commercial region (<see cref="AwsRegions"/>).</summary>
    public required string Region { get; init; }

    /// <summary>At least two different availability zones of <see cref="Region"/>.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>
    /// The seed's <c>&lt;vpcCidrBlock&gt;</c>: a private (RFC 1918) IPv4 block, /16 to /28, big enough for
    /// the three tiers (<see cref="VpcSizing"/>) and disjoint from the other environments'.
    /// </summary>
    public required string VpcCidr { get; init; }

    /// <summary>True for production: Multi-AZ database, longer retention.</summary>
    public bool IsProduction => Name == "prod";
}
