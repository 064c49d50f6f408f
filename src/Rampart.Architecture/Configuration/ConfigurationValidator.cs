using System.Text.RegularExpressions;

namespace Rampart.Architecture.Configuration;

/// <summary>
/// The rules a configuration must meet before the CDK is touched: names that fit the seed's naming
/// conventions and AWS's limits, ports, networks, regions, zones, accounts, addresses, certificates
/// and images. Pure: a configuration in, every mistake out.
/// </summary>
public static partial class ConfigurationValidator
{
    /// <summary>The seed's environment identifiers.</summary>
    public static IReadOnlyList<string> EnvironmentNames { get; } = ["dev", "staging", "prod"];

    /// <summary>Ports no rule of the architecture may ever open: SSH and RDP (NET-07, NET-10).</summary>
    public static IReadOnlyList<int> ForbiddenPorts { get; } = [22, 3389];

    /// <summary>RDS accepts custom PostgreSQL and MySQL ports from 1150 to 65535.</summary>
    public const int LowestCustomDatabasePort = 1150;

    /// <summary>Validates a configuration built in code; errors carry no line or column.</summary>
    public static IReadOnlyList<ConfigurationError> Validate(RampartConfiguration configuration)
    {
        var errors = new List<ConfigurationError>();
        Validate(configuration, SourceMap.ForCode(), errors);
        return errors;
    }

    internal static void Validate(RampartConfiguration configuration, SourceMap map, List<ConfigurationError> errors)
    {
        var check = new Checker(map, errors);
        CheckNames(configuration, check);
        CheckPorts(configuration, check);
        check.That("phase", configuration.Phase is >= 1 and <= 3, $"not a phase ({configuration.Phase})", Root("phase"));
        CheckDomainAndCertificate(configuration, check);
        CheckEnvironments(configuration, check);
        CheckRegions(configuration, check);
        check.That("alertEmail", IsEmail(configuration.AlertEmail), $"not an e-mail address ({configuration.AlertEmail})", Root("alertEmail"));
        CheckMonitoring(configuration, check);
        CheckImage(configuration, check);
    }

    private static void CheckNames(RampartConfiguration configuration, Checker check)
    {
        var application = configuration.Application;
        if (check.That("application", IsName(application, ConfigurationFields.MaxApplicationNameLength), NameProblem(application, ConfigurationFields.MaxApplicationNameLength), Root("application")))
        {
            // SSM Parameter Store refuses names that start with aws or ssm, and the seed's parameter paths start with the application.
            check.That("application", !application.StartsWith("aws", StringComparison.Ordinal) && !application.StartsWith("ssm", StringComparison.Ordinal),
                $"starts with a prefix AWS reserves for parameter names ({application})", Root("application"));
        }

        if (check.That("components", configuration.Components.Count > 0, "an empty list", Root("components")))
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < configuration.Components.Count; i++)
            {
                var component = configuration.Components[i];
                var path = $"components[{i}]";
                if (check.That(path, IsName(component, ConfigurationFields.MaxComponentNameLength), NameProblem(component, ConfigurationFields.MaxComponentNameLength), Root("components")))
                {
                    check.That(path, seen.Add(component), $"listed twice ({component})", Root("components"));
                }
            }
        }
    }

    private static void CheckPorts(RampartConfiguration configuration, Checker check)
    {
        var applicationPort = configuration.ApplicationPort;
        var databasePort = configuration.DatabasePort;
        if (check.That("applicationPort", applicationPort is >= 1 and <= 65535, $"out of range ({applicationPort})", Root("applicationPort"))
            && check.That("applicationPort", !ForbiddenPorts.Contains(applicationPort), $"{PortName(applicationPort)} may never be opened ({applicationPort})", Root("applicationPort"))
            && !check.IsSettled("databasePort"))
        {
            check.That("applicationPort", applicationPort != databasePort, $"the same as databasePort ({applicationPort})", Root("applicationPort"));
        }

        if (check.IsSettled("databaseEngine"))
        {
            return;
        }

        var engine = configuration.DatabaseEngine;
        var otherEngine = engine == DatabaseEngine.Postgres ? DatabaseEngine.MySql : DatabaseEngine.Postgres;
        if (databasePort == ConfigurationBinder.DefaultPort(engine)
            || !check.That("databasePort", databasePort is >= 1 and <= 65535, $"out of range ({databasePort})", Root("databasePort"))
            || !check.That("databasePort", databasePort >= LowestCustomDatabasePort, $"below RDS's lowest custom port {LowestCustomDatabasePort} ({databasePort})", Root("databasePort")))
        {
            return;
        }

        if (check.That("databasePort", databasePort != ConfigurationBinder.DefaultPort(otherEngine),
                $"{EngineName(otherEngine)}'s port, but databaseEngine is {EngineName(engine)} ({databasePort})", Root("databasePort")))
        {
            check.That("databasePort", !ForbiddenPorts.Contains(databasePort), $"{PortName(databasePort)} may never be opened ({databasePort})", Root("databasePort"));
        }
    }

    private static void CheckDomainAndCertificate(RampartConfiguration configuration, Checker check)
    {
        if (configuration.DomainName is { } domain)
        {
            check.That("domainName", IsDomainName(domain), $"not a lower-case DNS name ({domain})", Root("domainName"));
        }

        var certificate = configuration.Certificate;
        if (check.IsSettled("certificate.source"))
        {
            return;
        }

        if (certificate.Source == CertificateSource.DnsValidated)
        {
            if (certificate.CertificateArn is { } unused)
            {
                check.That("certificate.certificateArn", false, $"given with source dns-validated, where it is not used ({unused})", Certificate("certificateArn"));
            }

            return;
        }

        check.That("certificate.source", configuration.DomainName is not null || check.IsSettled("domainName"),
            "imported, but no domainName is given for the certificate to serve (imported)", "imported together with domainName, or dns-validated");
        if (certificate.CertificateArn is not { } arn)
        {
            check.That("certificate.certificateArn", false, "missing for source imported", Certificate("certificateArn"));
            return;
        }

        var match = CertificateArnPattern().Match(arn);
        if (!check.That("certificate.certificateArn", match.Success, $"not an ACM certificate ARN ({arn})", Certificate("certificateArn")))
        {
            return;
        }

        // A load balancer only takes a certificate of its own account and region.
        var (region, account) = (match.Groups["region"].Value, match.Groups["account"].Value);
        for (var i = 0; i < configuration.Environments.Count; i++)
        {
            var environment = configuration.Environments[i];
            if (!check.IsSettled($"environments[{i}].region") && environment.Region != region)
            {
                check.That("certificate.certificateArn", false, $"in {region}, but environments[{i}] ({environment.Name}) is in {environment.Region} ({arn})",
                    $"a certificate in the region of every environment ({environment.Region}); use dns-validated for environments in several regions");
                return;
            }

            if (!check.IsSettled($"environments[{i}].account") && environment.Account != account)
            {
                check.That("certificate.certificateArn", false, $"in account {account}, but environments[{i}] ({environment.Name}) is account {environment.Account} ({arn})",
                    $"a certificate in the account of every environment ({environment.Account}); use dns-validated for environments in several accounts");
                return;
            }
        }
    }

    private static void CheckEnvironments(RampartConfiguration configuration, Checker check)
    {
        var environments = configuration.Environments;
        if (!check.That("environments", environments.Count > 0, "an empty list", Root("environments")))
        {
            return;
        }

        var names = new HashSet<string>();
        var blocks = new List<(int Index, Ipv4Block Block)>();
        for (var i = 0; i < environments.Count; i++)
        {
            var environment = environments[i];
            var path = $"environments[{i}]";
            if (check.That($"{path}.name", EnvironmentNames.Contains(environment.Name),
                    $"not an environment name ({environment.Name}){Suggestions.DidYouMean(environment.Name, EnvironmentNames)}", Environment("name")))
            {
                check.That($"{path}.name", names.Add(environment.Name), $"a second environment with this name ({environment.Name})", Environment("name"));
            }

            // Production publishes the application once it runs, and publishing needs a certificate for a name: without
            // one the load balancer could not serve HTTPS (NET-14) and CloudFront would accept TLS 1.0 (NET-15).
            if (environment.IsProduction && configuration.Phase >= RampartConfiguration.ContainersPhase && configuration.DomainName is null && !check.IsSettled("domainName"))
            {
                check.That($"{path}.name", false,
                    $"production publishes the application from phase {RampartConfiguration.ContainersPhase}, which needs domainName (not set): without a domain the load balancer has no certificate for HTTPS (NET-14) and CloudFront accepts TLS 1.0 (NET-15) (prod, phase {configuration.Phase})",
                    "a domainName such as app.example.com for prod from phase 2; without one, prod in phase 1 only, or dev and staging");
            }

            check.That($"{path}.account", IsAccount(environment.Account), $"not a 12-digit account ID ({environment.Account})", Environment("account"));
            var regionKnown = check.That($"{path}.region", AwsRegions.IsKnown(environment.Region),
                $"not an AWS commercial region ({environment.Region}){Suggestions.DidYouMean(environment.Region, AwsRegions.All)}", Environment("region"));
            CheckZones(environment, path, regionKnown && !check.IsSettled($"{path}.region"), check);
            if (CheckVpcCidr(environment, path, check) is { } block)
            {
                var overlapped = blocks.FindIndex(b => b.Block.Overlaps(block));
                if (overlapped >= 0)
                {
                    var (other, otherBlock) = blocks[overlapped];
                    check.That($"{path}.vpcCidr", false, $"overlaps environments[{other}].vpcCidr {otherBlock} ({block})",
                        "a block that overlaps no other environment's vpcCidr, so that the networks can be connected later");
                }

                blocks.Add((i, block));
            }
        }
    }

    private static void CheckZones(EnvironmentConfiguration environment, string path, bool regionKnown, Checker check)
    {
        var zonesPath = $"{path}.availabilityZones";
        var zones = environment.AvailabilityZones;
        var accepted = $"at least two different availability zones of {(regionKnown ? environment.Region : "the environment's region")}, e.g. [{environment.Region}a, {environment.Region}b]";
        var seen = new HashSet<string>();
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = zones[i];
            var zonePath = $"{zonesPath}[{i}]";
            var inRegion = !regionKnown || (zone.Length == environment.Region.Length + 1 && zone.StartsWith(environment.Region, StringComparison.Ordinal) && zone[^1] is >= 'a' and <= 'z');
            if (check.That(zonePath, inRegion, $"not an availability zone of {environment.Region} ({zone})", accepted))
            {
                check.That(zonePath, seen.Add(zone), $"listed twice ({zone})", accepted);
            }
        }

        check.That(zonesPath, zones.Count >= 2, $"{zones.Count} zone{(zones.Count == 1 ? "" : "s")}, but every tier needs two ({string.Join(", ", zones)})", accepted);
    }

    /// <summary>Checks one environment's VPC block; returns it when it is usable.</summary>
    private static Ipv4Block? CheckVpcCidr(EnvironmentConfiguration environment, string path, Checker check)
    {
        var cidrPath = $"{path}.vpcCidr";
        var text = environment.VpcCidr;
        if (!check.That(cidrPath, Ipv4Block.TryParse(text, out var block), $"not an IPv4 CIDR block ({text})", Environment("vpcCidr"))
            || !check.That(cidrPath, block.IsNetworkAddress, $"host bits are set ({text})", $"the network address {block.Network}, a block starts at a multiple of its size")
            || !check.That(cidrPath, block.IsPrivate, $"not a private (RFC 1918) range ({text})", "a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16")
            || !check.That(cidrPath, block.PrefixLength >= VpcSizing.LargestVpcPrefix, $"larger than AWS allows for a VPC ({text})",
                $"a prefix from /{VpcSizing.LargestVpcPrefix} to /{VpcSizing.SmallestVpcPrefix}"))
        {
            return null;
        }

        var zoneCount = environment.AvailabilityZones.Count;
        if (zoneCount >= 2 && !check.IsSettled($"{path}.availabilityZones"))
        {
            var needed = VpcSizing.RequiredPrefix(zoneCount);
            check.That(cidrPath, VpcSizing.Plan(block, zoneCount) is not null,
                $"too small for the three tiers in {zoneCount} availability zones ({text})",
                $"a /{needed} or larger: each zone takes a /{VpcSizing.PublicSubnetPrefix} public, a /{VpcSizing.ApplicationSubnetPrefix} application and a /{VpcSizing.DatabaseSubnetPrefix} database subnet");
        }

        return block;
    }

    private static void CheckRegions(RampartConfiguration configuration, Checker check)
    {
        var allowed = configuration.AllowedRegions;
        if (!check.That("allowedRegions", allowed.Count > 0, "an empty list", Root("allowedRegions")))
        {
            return;
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < allowed.Count; i++)
        {
            var region = allowed[i];
            var path = $"allowedRegions[{i}]";
            if (check.That(path, AwsRegions.IsKnown(region), $"not an AWS commercial region ({region}){Suggestions.DidYouMean(region, AwsRegions.All)}", "an AWS commercial region such as eu-west-1"))
            {
                check.That(path, seen.Add(region), $"listed twice ({region})", "each region once");
            }
        }

        // aws:RequestedRegion conditions built from this list would lock the workload out of its own region.
        for (var i = 0; i < configuration.Environments.Count; i++)
        {
            var region = configuration.Environments[i].Region;
            if (!check.IsSettled($"environments[{i}].region") && AwsRegions.IsKnown(region))
            {
                check.That("allowedRegions", allowed.Contains(region), $"does not include environments[{i}].region ({region})", Root("allowedRegions"));
            }
        }
    }

    private static void CheckMonitoring(RampartConfiguration configuration, Checker check)
    {
        var monitoring = configuration.Monitoring;
        if (monitoring.AuditAccount is { } auditAccount
            && check.That("monitoring.auditAccount", IsAccount(auditAccount), $"not a 12-digit account ID ({auditAccount})", Monitoring("auditAccount")))
        {
            var shared = configuration.Environments.Select((e, i) => (e.Account, Index: i)).FirstOrDefault(e => e.Account == auditAccount);
            check.That("monitoring.auditAccount", shared.Account is null, $"the account of environments[{shared.Index}], but audit logs need a dedicated account ({auditAccount})", Monitoring("auditAccount"));
        }

        if (monitoring.AuditRegion is { } auditRegion)
        {
            if (check.That("monitoring.auditRegion", AwsRegions.IsKnown(auditRegion), $"not an AWS commercial region ({auditRegion}){Suggestions.DidYouMean(auditRegion, AwsRegions.All)}", Monitoring("auditRegion")))
            {
                check.That("monitoring.auditRegion", monitoring.AuditAccount is not null || check.IsSettled("monitoring.auditAccount"),
                    $"given without auditAccount, so there is no audit stack to place ({auditRegion})", Monitoring("auditRegion"));
            }
        }

        check.That("monitoring.alertSeverityThreshold", monitoring.AlertSeverityThreshold is >= 1 and <= 100,
            $"out of range ({monitoring.AlertSeverityThreshold})", Monitoring("alertSeverityThreshold"));
    }

    private static void CheckImage(RampartConfiguration configuration, Checker check)
    {
        var image = configuration.Image;
        check.That("image.repository", image.Repository.Length is >= 2 and <= 256 && RepositoryPattern().IsMatch(image.Repository),
            $"not an ECR repository name ({image.Repository})", Image("repository"));

        var tag = image.Tag;
        if (tag.StartsWith("sha256:", StringComparison.Ordinal))
        {
            check.That("image.tag", DigestPattern().IsMatch(tag), $"not a sha256 digest of 64 lower-case hex digits ({tag})", Image("tag"));
        }
        else if (check.That("image.tag", !tag.Equals("latest", StringComparison.OrdinalIgnoreCase), $"a moving tag that names no fixed image ({tag})", Image("tag")))
        {
            check.That("image.tag", TagPattern().IsMatch(tag), $"not an image tag ({tag})", Image("tag"));
        }
    }

    /// <summary>Lower-case letters, digits and single hyphens, a letter first, no hyphen last.</summary>
    private static bool IsName(string name, int maxLength) =>
        name.Length >= 2 && name.Length <= maxLength && NamePattern().IsMatch(name);

    private static string NameProblem(string name, int maxLength) =>
        name.Length > maxLength ? $"longer than {maxLength} characters ({name})" : $"not a valid name ({name})";

    private static bool IsAccount(string account) => account.Length == 12 && account.All(char.IsAsciiDigit);

    private static bool IsEmail(string address) => address.Length <= 254 && EmailPattern().IsMatch(address);

    private static bool IsDomainName(string name) => name.Length <= 253 && DomainPattern().IsMatch(name);

    private static string PortName(int port) => port == 22 ? "22 is SSH, which" : "3389 is RDP, which";

    private static string EngineName(DatabaseEngine engine) => engine == DatabaseEngine.MySql ? "mysql" : "postgres";

    private static string Root(string field) => ConfigurationFields.AcceptedFor(ConfigurationFields.Root, field);

    private static string Environment(string field) => ConfigurationFields.AcceptedFor(ConfigurationFields.Environment, field);

    private static string Monitoring(string field) => ConfigurationFields.AcceptedFor(ConfigurationFields.Monitoring, field);

    private static string Image(string field) => ConfigurationFields.AcceptedFor(ConfigurationFields.Image, field);

    private static string Certificate(string field) => ConfigurationFields.AcceptedFor(ConfigurationFields.Certificate, field);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s""'<>()\[\],;:]+@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^arn:aws:acm:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex CertificateArnPattern();

    /// <summary>ECR's repository name pattern: path segments of lower-case alphanumerics joined by . _ - separators.</summary>
    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    /// <summary>Reports mistakes at their field's position, skipping fields the binder already settled.</summary>
    private sealed class Checker(SourceMap map, List<ConfigurationError> errors)
    {
        public bool IsSettled(string path) => map.IsSettled(path);

        /// <summary>
        /// Records a mistake when the condition fails. Returns true only when the field passed, so a
        /// caller runs its next check of the field only then; a settled field is neither checked nor reported.
        /// </summary>
        public bool That(string path, bool condition, string problem, string accepted)
        {
            if (map.IsSettled(path))
            {
                return false;
            }

            if (!condition)
            {
                errors.Add(map.Error(path, problem, accepted));
            }

            return condition;
        }
    }
}
