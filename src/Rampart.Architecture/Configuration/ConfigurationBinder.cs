using System.Globalization;

namespace Rampart.Architecture.Configuration;

/// <summary>
/// Syntax tree to <see cref="RampartConfiguration"/>: field names, value types, required fields and
/// defaults. Every value's position goes into the <see cref="SourceMap"/>; a field that cannot be read
/// is reported once, settled with its default, and left out of validation.
/// </summary>
internal sealed class ConfigurationBinder(SourceMap map, List<ConfigurationError> errors)
{
    private readonly SourceMap _map = map;
    private readonly List<ConfigurationError> _errors = errors;

    private const string FallbackRepository = "webapp";

    private static readonly IReadOnlyList<string> DefaultComponents = ["app", "database"];

    public RampartConfiguration Bind(SyntaxNode root)
    {
        _map.Record("", root.Position);
        if (root is not MappingNode rootMapping)
        {
            _errors.Add(_map.Error("", $"expected a mapping of fields, got {Describe(root)}", "a mapping with application, alertEmail, environments and the optional fields"));
            _map.Settle("");
            return new RampartConfiguration { Application = "", AlertEmail = "", Environments = [] };
        }

        var fields = new ObjectReader(this, rootMapping, "", ConfigurationFields.Root);
        _ = fields.String("$schema"); // for editors only
        var application = fields.String("application") ?? "";
        var components = fields.StringList("components") ?? DefaultComponents;
        var applicationPort = fields.Integer("applicationPort") ?? 8080;
        var engine = fields.Choice("databaseEngine", ConfigurationFields.DatabaseEngines) ?? DatabaseEngine.Postgres;
        var databasePort = fields.Integer("databasePort") ?? DefaultPort(engine);
        var phase = fields.Integer("phase") ?? 3;
        var domainName = fields.String("domainName");
        var certificate = BindCertificate(fields.Mapping("certificate"));
        var allowedRegions = fields.StringList("allowedRegions");
        var alertEmail = fields.String("alertEmail") ?? "";
        var environments = BindEnvironments(fields.Sequence("environments"));
        var monitoring = BindMonitoring(fields.Mapping("monitoring"), environments);
        var image = BindImage(fields.Mapping("image"), application);
        fields.Complete();

        if (allowedRegions is null)
        {
            // Derived from the environments, so valid whenever they are: nothing to report on.
            allowedRegions = environments.Select(e => e.Region).Where(AwsRegions.IsKnown).Distinct().ToList();
            _map.Settle("allowedRegions");
        }

        return new RampartConfiguration
        {
            Application = application,
            Components = components,
            ApplicationPort = applicationPort,
            DatabaseEngine = engine,
            DatabasePort = databasePort,
            Phase = phase,
            DomainName = domainName,
            Certificate = certificate,
            AllowedRegions = allowedRegions,
            AlertEmail = alertEmail,
            Environments = environments,
            Monitoring = monitoring,
            Image = image,
        };
    }

    /// <summary>The engine's well-known port: postgres 5432, mysql 3306.</summary>
    public static int DefaultPort(DatabaseEngine engine) => engine == DatabaseEngine.MySql ? 3306 : 5432;

    private CertificateConfiguration BindCertificate(MappingNode? node)
    {
        if (node is null)
        {
            return new CertificateConfiguration();
        }

        var fields = new ObjectReader(this, node, "certificate", ConfigurationFields.Certificate);
        var certificate = new CertificateConfiguration
        {
            Source = fields.Choice("source", ConfigurationFields.CertificateSources) ?? CertificateSource.DnsValidated,
            CertificateArn = fields.String("certificateArn"),
        };
        fields.Complete();
        return certificate;
    }

    private List<EnvironmentConfiguration> BindEnvironments(SequenceNode? node)
    {
        var environments = new List<EnvironmentConfiguration>();
        if (node is null)
        {
            return environments;
        }

        for (var i = 0; i < node.Items.Count; i++)
        {
            var path = $"environments[{i}]";
            var item = node.Items[i];
            _map.Record(path, item.Position);
            if (item is not MappingNode mapping)
            {
                _errors.Add(_map.Error(path, $"expected a mapping, got {Describe(item)}", ConfigurationFields.AcceptedFor(ConfigurationFields.Root, "environments")));
                _map.Settle(path);
                environments.Add(new EnvironmentConfiguration { Name = "", Account = "", Region = "", AvailabilityZones = [], VpcCidr = "" });
                continue;
            }

            var fields = new ObjectReader(this, mapping, path, ConfigurationFields.Environment);
            environments.Add(new EnvironmentConfiguration
            {
                Name = fields.String("name") ?? "",
                Account = fields.String("account") ?? "",
                Region = fields.String("region") ?? "",
                AvailabilityZones = fields.StringList("availabilityZones") ?? [],
                VpcCidr = fields.String("vpcCidr") ?? "",
            });
            fields.Complete();
        }

        return environments;
    }

    private MonitoringConfiguration BindMonitoring(MappingNode? node, List<EnvironmentConfiguration> environments)
    {
        if (node is null)
        {
            return new MonitoringConfiguration();
        }

        var fields = new ObjectReader(this, node, "monitoring", ConfigurationFields.Monitoring);
        var auditAccount = fields.String("auditAccount");
        var auditRegion = fields.String("auditRegion");
        var threshold = fields.Integer("alertSeverityThreshold") ?? 70;
        var pciDss = fields.Boolean("pciDss") ?? false;
        fields.Complete();

        if (auditAccount is not null && auditRegion is null && environments.Count > 0)
        {
            auditRegion = environments[0].Region;
            _map.Settle("monitoring.auditRegion");
        }

        return new MonitoringConfiguration
        {
            AuditAccount = auditAccount,
            AuditRegion = auditRegion,
            AlertSeverityThreshold = threshold,
            PciDss = pciDss,
        };
    }

    private ContainerImageConfiguration BindImage(MappingNode? node, string application)
    {
        var fields = node is null ? null : new ObjectReader(this, node, "image", ConfigurationFields.Image);
        var repository = fields?.String("repository");
        var tag = fields?.String("tag");
        fields?.Complete();

        if (repository is null)
        {
            // The application's own repository; an application name is always a valid repository name.
            repository = application.Length > 0 ? application : FallbackRepository;
            _map.Settle("image.repository");
        }

        return new ContainerImageConfiguration { Repository = repository, Tag = tag ?? new ContainerImageConfiguration().Tag };
    }

    private static string Describe(SyntaxNode node) => node switch
    {
        MappingNode => "a mapping",
        SequenceNode => "a list",
        ScalarNode { IsNull: true } => "nothing",
        ScalarNode { IsString: true } scalar => $"the string \"{scalar.Value}\"",
        ScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "an unknown node",
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Reads the fields of one mapping, reporting unknown, duplicated, missing and mistyped ones.</summary>
    private sealed class ObjectReader
    {
        private readonly ConfigurationBinder _binder;
        private readonly string _path;
        private readonly IReadOnlyList<ConfigurationField> _fields;
        private readonly Dictionary<string, SyntaxNode> _values = [];
        private readonly HashSet<string> _read = [];

        public ObjectReader(ConfigurationBinder binder, MappingNode node, string path, IReadOnlyList<ConfigurationField> fields)
        {
            _binder = binder;
            _path = path;
            _fields = fields;
            var known = fields.Select(f => f.Name).ToList();
            foreach (var (key, value) in node.Entries)
            {
                var name = key.Value;
                var keyPath = Join(path, name);
                if (!known.Contains(name))
                {
                    binder._errors.Add(new ConfigurationError(binder._map.Source, key.Position.Line, key.Position.Column, keyPath,
                        $"unknown field{Suggestions.DidYouMean(name, known)}", string.Join(", ", known)));
                }
                else if (!_values.TryAdd(name, value))
                {
                    binder._errors.Add(new ConfigurationError(binder._map.Source, key.Position.Line, key.Position.Column, keyPath,
                        "given twice", "each field once"));
                }
                else
                {
                    binder._map.Record(keyPath, value.Position);
                }
            }
        }

        public string? String(string name) => Scalar(name) is { } scalar ? scalar.Value : null;

        public int? Integer(string name)
        {
            if (Scalar(name) is not { } scalar)
            {
                return null;
            }

            if (scalar.IsString || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Mistyped(name, scalar, "an integer", default(int?));
            }

            if (value is < int.MinValue or > int.MaxValue)
            {
                var path = Join(_path, name);
                _binder._errors.Add(_binder._map.Error(path, $"out of range ({scalar.Value})", Accepted(name)));
                _binder._map.Settle(path);
                return null;
            }

            return (int)value;
        }

        public bool? Boolean(string name)
        {
            if (Scalar(name) is not { } scalar)
            {
                return null;
            }

            if (!scalar.IsString && bool.TryParse(scalar.Value, out var value))
            {
                return value;
            }

            return Mistyped(name, scalar, "true or false", default(bool?));
        }

        /// <summary>A string that must be one of <paramref name="choices"/> (the file's spelling).</summary>
        public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
            where T : struct
        {
            if (Scalar(name) is not { } scalar)
            {
                return null;
            }

            if (choices.TryGetValue(scalar.Value, out var choice))
            {
                return choice;
            }

            var path = Join(_path, name);
            _binder._errors.Add(_binder._map.Error(path, $"not a known value ({scalar.Value}){Suggestions.DidYouMean(scalar.Value, choices.Keys)}", Accepted(name)));
            _binder._map.Settle(path);
            return null;
        }

        public IReadOnlyList<string>? StringList(string name)
        {
            if (Sequence(name) is not { } sequence)
            {
                return null;
            }

            var path = Join(_path, name);
            var items = new List<string>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                var item = sequence.Items[i];
                _binder._map.Record(itemPath, item.Position);
                if (item is ScalarNode { IsNull: false } scalar)
                {
                    items.Add(scalar.Value);
                }
                else
                {
                    _binder._errors.Add(_binder._map.Error(itemPath, $"expected a single value, got {Describe(item)}", Accepted(name)));
                    _binder._map.Settle(path);
                    items.Add("");
                }
            }

            return items;
        }

        public MappingNode? Mapping(string name) => Node<MappingNode>(name, "a mapping");

        public SequenceNode? Sequence(string name) => Node<SequenceNode>(name, "a list");

        /// <summary>Asserts that the binder read every field it declares: a declared field that is ignored is a bug.</summary>
        public void Complete()
        {
            var unread = _values.Keys.Except(_read).ToList();
            if (unread.Count > 0)
            {
                throw new InvalidOperationException($"the configuration binder declares but never reads {string.Join(", ", unread.Select(n => Join(_path, n)))}");
            }
        }

        private ScalarNode? Scalar(string name)
        {
            var node = Value(name);
            switch (node)
            {
                case null:
                    return null;
                case ScalarNode { IsNull: true }:
                    ReportMissing(name, "given empty");
                    return null;
                case ScalarNode scalar:
                    return scalar;
                default:
                    return Mistyped(name, node, "a single value", default(ScalarNode));
            }
        }

        private T? Node<T>(string name, string expected)
            where T : SyntaxNode
        {
            var node = Value(name);
            switch (node)
            {
                case null:
                    return null;
                case T typed:
                    return typed;
                case ScalarNode { IsNull: true }:
                    ReportMissing(name, "given empty");
                    return null;
                default:
                    return Mistyped(name, node, expected, default(T));
            }
        }

        /// <summary>The field's node; reports a required field that is absent.</summary>
        private SyntaxNode? Value(string name)
        {
            if (!_fields.Any(f => f.Name == name))
            {
                throw new InvalidOperationException($"the configuration binder reads {Join(_path, name)}, which ConfigurationFields does not declare");
            }

            _read.Add(name);
            if (_values.TryGetValue(name, out var node))
            {
                return node;
            }

            ReportMissing(name, "missing required field");
            return null;
        }

        /// <summary>
        /// A required field that is absent is reported and settled. An optional one keeps its default,
        /// which validation still checks against the fields that were given.
        /// </summary>
        private void ReportMissing(string name, string problem)
        {
            if (_fields.Single(f => f.Name == name).Required)
            {
                var path = Join(_path, name);
                _binder._errors.Add(_binder._map.Error(path, problem, Accepted(name)));
                _binder._map.Settle(path);
            }
        }

        private TResult Mistyped<TResult>(string name, SyntaxNode node, string expected, TResult fallback)
        {
            var path = Join(_path, name);
            _binder._errors.Add(_binder._map.Error(path, $"expected {expected}, got {Describe(node)}", Accepted(name)));
            _binder._map.Settle(path);
            return fallback;
        }

        private string Accepted(string name) => ConfigurationFields.AcceptedFor(_fields, name);
    }
}
