using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Data;

/// <summary>Inputs of <see cref="EncryptedDatabase"/>.</summary>
public sealed class EncryptedDatabaseProps
{
    /// <summary>The VPC of the database.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The isolated database subnets (no route to the internet).</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>The database tier's security group: ingress only <see cref="Port"/> from the application tier.</summary>
    public required ISecurityGroup SecurityGroup { get; init; }

    /// <summary>The RDS key (<see cref="KeyService.Rds"/>): storage, snapshots and backups.</summary>
    public required IKey StorageEncryptionKey { get; init; }

    /// <summary>The secrets key (<see cref="KeyService.Secrets"/>) the credentials are encrypted with.</summary>
    public required IKey CredentialsEncryptionKey { get; init; }

    /// <summary>The logs key (<see cref="KeyService.Logs"/>) of the exported database logs.</summary>
    public required IKey LogEncryptionKey { get; init; }

    /// <summary>The instance identifier: lower case, starts with a letter, at most 63 characters.</summary>
    public required string InstanceIdentifier { get; init; }

    /// <summary>The credentials secret's name, e.g. <c>/prod/webapp/database/credentials</c> (SEC-04).</summary>
    public required string CredentialsSecretName { get; init; }

    /// <summary>
    /// Where the rotation function runs: subnets that reach the Secrets Manager API (the application
    /// tier, through its VPC endpoint or NAT).
    /// </summary>
    public required SubnetSelection RotationSubnets { get; init; }

    /// <summary>
    /// The rotation function's security group. Give it the application tier's group, which the database
    /// group already admits, so rotation adds no ingress rule to the database tier (NET-06).
    /// </summary>
    public required ISecurityGroup RotationSecurityGroup { get; init; }

    /// <summary>PostgreSQL or MySQL. Default: PostgreSQL.</summary>
    public DatabaseEngine Engine { get; init; } = DatabaseEngine.Postgres;

    /// <summary>The port the database listens on (the seed's <c>&lt;databasePort&gt;</c>). Default: the engine's.</summary>
    public int? Port { get; init; }

    /// <summary>A standby in a second availability zone. Default: false; set for production.</summary>
    public bool MultiAz { get; init; }

    /// <summary>How long automated backups are kept: 7 to 35 days. Default: 7.</summary>
    public int BackupRetentionDays { get; init; } = 7;

    /// <summary>How long exported database logs are kept. Default: one year.</summary>
    public RetentionDays LogRetention { get; init; } = RetentionDays.ONE_YEAR;

    /// <summary>The instance class. Default: db.t4g.micro.</summary>
    public Amazon.CDK.AWS.EC2.InstanceType? InstanceType { get; init; }

    /// <summary>Initial storage in GiB (20 or more); storage grows automatically up to 5 times this. Default: 20.</summary>
    public int AllocatedStorageGiB { get; init; } = 20;

    /// <summary>The database created on the instance. Default: none (the engine's default database).</summary>
    public string? DatabaseName { get; init; }

    /// <summary>The master user's name (the password is generated, never written anywhere). Default: <c>dbadmin</c>.</summary>
    public string MasterUsername { get; init; } = "dbadmin";

    /// <summary>Days between automatic rotations of the credentials: 1 to 30 (SEC-02). Default: 30.</summary>
    public int RotationDays { get; init; } = 30;

    /// <summary>
    /// Roles, besides readers, that may read and change the credentials: the role CloudFormation deploys
    /// with (it resolves the password for the instance). Default: none.
    /// </summary>
    public IReadOnlyList<string> CredentialManagerArns { get; init; } = [];
}

/// <summary>
/// The seed's data tier (DATA-01..03, SEC-01..03, IAM-08): an RDS instance in isolated subnets,
/// encrypted with the RDS key, reachable only over TLS (a parameter group that forces it), never
/// public, protected from deletion, backed up, minor-upgraded automatically, Multi-AZ when asked,
/// IAM authentication on, its logs exported to encrypted log groups. Its master credentials are
/// generated into a Secrets Manager secret encrypted with the secrets key, rotated by a hosted
/// rotation function, and guarded by a resource policy that admits only named principals.
/// </summary>
public sealed partial class EncryptedDatabase : Construct
{
    /// <summary>The pinned engine versions; minor upgrades are applied automatically by RDS.</summary>
    public static readonly PostgresEngineVersion PostgresVersion = PostgresEngineVersion.VER_16_4;

    /// <summary>The pinned MySQL version.</summary>
    public static readonly MysqlEngineVersion MySqlVersion = MysqlEngineVersion.VER_8_0_39;

    /// <summary>Characters left out of generated passwords: those that break connection strings and shells.</summary>
    public const string PasswordExcludedCharacters = " %+~`#$&*()|[]{}:;<>?!'/@\"\\";

    public EncryptedDatabase(Construct scope, string id, EncryptedDatabaseProps props)
        : base(scope, id)
    {
        Validate(props);
        var engine = props.Engine == DatabaseEngine.MySql
            ? DatabaseInstanceEngine.Mysql(new MySqlInstanceEngineProps { Version = MySqlVersion })
            : DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresVersion });
        Port = props.Port ?? (props.Engine == DatabaseEngine.MySql ? 3306 : 5432);
        RotationFunctionName = $"{props.InstanceIdentifier}-rotation";

        var parameterGroup = new ParameterGroup(this, "TlsRequired", new ParameterGroupProps
        {
            Engine = engine,
            Description = $"{props.InstanceIdentifier}: TLS 1.2 or later required for every connection",
            Parameters = TlsParameters(props.Engine),
        });

        // RDS writes into these groups if they exist; creating them here gives them the key and the
        // retention (the CDK's own route would add a Lambda function with a wildcard policy).
        LogExports = props.Engine == DatabaseEngine.MySql ? ["error", "general", "slowquery"] : ["postgresql", "upgrade"];
        var logGroups = LogExports.Select(log => new EncryptedLogGroup(this, $"{log}Logs", new EncryptedLogGroupProps
        {
            LogGroupName = $"/aws/rds/instance/{props.InstanceIdentifier}/{log}",
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
        })).ToList();

        var credentials = new DatabaseSecret(this, "Credentials", new DatabaseSecretProps
        {
            SecretName = props.CredentialsSecretName,
            Username = props.MasterUsername,
            Dbname = props.DatabaseName,
            EncryptionKey = props.CredentialsEncryptionKey,
            ExcludeCharacters = PasswordExcludedCharacters,
        });

        var instance = new DatabaseInstance(this, "Instance", new DatabaseInstanceProps
        {
            InstanceIdentifier = props.InstanceIdentifier,
            Engine = engine,
            InstanceType = props.InstanceType ?? Amazon.CDK.AWS.EC2.InstanceType.Of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO),
            Vpc = props.Vpc,
            VpcSubnets = props.Subnets,
            SecurityGroups = [props.SecurityGroup],
            Port = Port,
            PubliclyAccessible = false,
            Credentials = Amazon.CDK.AWS.RDS.Credentials.FromSecret(credentials),
            DatabaseName = props.DatabaseName,
            StorageEncrypted = true,
            StorageEncryptionKey = props.StorageEncryptionKey,
            StorageType = StorageType.GP3,
            AllocatedStorage = props.AllocatedStorageGiB,
            MaxAllocatedStorage = props.AllocatedStorageGiB * 5,
            ParameterGroup = parameterGroup,
            CaCertificate = CaCertificate.RDS_CA_RSA2048_G1,
            IamAuthentication = true,
            MultiAz = props.MultiAz,
            BackupRetention = Duration.Days(props.BackupRetentionDays),
            DeleteAutomatedBackups = false,
            CopyTagsToSnapshot = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
            AutoMinorVersionUpgrade = true,
            AllowMajorVersionUpgrade = false,
            CloudwatchLogsExports = LogExports.ToArray(),
        });
        foreach (var logGroup in logGroups)
        {
            instance.Node.AddDependency(logGroup);
        }

        Instance = instance;
        // The attached secret is the one that holds host and port as well; rotation and readers use it.
        Credentials = instance.Secret!;
        // The rotation function comes from the Secrets Manager transform; its log group is made here,
        // under the name Lambda will use, so that its logs are encrypted and expire too (DATA-07).
        var rotationLogs = new EncryptedLogGroup(this, "RotationLogs", new EncryptedLogGroupProps
        {
            LogGroupName = $"/aws/lambda/{RotationFunctionName}",
            EncryptionKey = props.LogEncryptionKey,
            Retention = props.LogRetention,
        });
        var rotation = Credentials.AddRotationSchedule("Rotation", new RotationScheduleOptions
        {
            AutomaticallyAfter = Duration.Days(props.RotationDays),
            HostedRotation = HostedRotationFor(props),
        });
        rotation.Node.AddDependency(rotationLogs);
        CredentialsPolicy = new SecretAccessPolicy(Credentials, new SecretAccessPolicyProps
        {
            ManagerArns = props.CredentialManagerArns,
            RotationFunctionName = RotationFunctionName,
        });
        BlockPublicPolicy(Credentials);
    }

    /// <summary>The RDS instance.</summary>
    public IDatabaseInstance Instance { get; }

    /// <summary>The master credentials (username, password, host, port, engine), attached to the instance.</summary>
    public ISecret Credentials { get; }

    /// <summary>The credentials' resource policy: admit a reader with <see cref="SecretAccessPolicy.AllowReader"/>.</summary>
    public SecretAccessPolicy CredentialsPolicy { get; }

    /// <summary>The port the database listens on.</summary>
    public int Port { get; }

    /// <summary>The name of the Lambda function that rotates the credentials.</summary>
    public string RotationFunctionName { get; }

    /// <summary>The log types exported to CloudWatch Logs.</summary>
    public IReadOnlyList<string> LogExports { get; }

    /// <summary>The parameters that refuse unencrypted connections and TLS before 1.2 (DATA-02).</summary>
    public static Dictionary<string, string> TlsParameters(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.MySql => new() { ["require_secure_transport"] = "ON" },
        _ => new() { ["rds.force_ssl"] = "1", ["ssl_min_protocol_version"] = "TLSv1.2" },
    };

    private HostedRotation HostedRotationFor(EncryptedDatabaseProps props)
    {
        var options = new SingleUserHostedRotationOptions
        {
            FunctionName = RotationFunctionName,
            Vpc = props.Vpc,
            VpcSubnets = props.RotationSubnets,
            SecurityGroups = [props.RotationSecurityGroup],
        };
        return props.Engine == DatabaseEngine.MySql ? HostedRotation.MysqlSingleUser(options) : HostedRotation.PostgreSqlSingleUser(options);
    }

    /// <summary>Secrets Manager refuses any later change that would make the policy public.</summary>
    private static void BlockPublicPolicy(ISecret secret)
    {
        if (secret.Node.TryFindChild("Policy")?.Node.DefaultChild is Amazon.CDK.AWS.SecretsManager.CfnResourcePolicy policy)
        {
            policy.BlockPublicPolicy = true;
        }
        else
        {
            throw new InvalidOperationException("The credentials' resource policy was not created; IAM-08 cannot be met.");
        }
    }

    private static void Validate(EncryptedDatabaseProps props)
    {
        if (!IdentifierPattern().IsMatch(props.InstanceIdentifier))
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.InstanceIdentifier '{props.InstanceIdentifier}' is not an RDS identifier: lower-case letters, digits and single hyphens, starting with a letter, at most 63 characters.");
        }

        if (props.InstanceIdentifier.Length > 55)
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.InstanceIdentifier '{props.InstanceIdentifier}' is longer than 55 characters: the rotation function's name ('<identifier>-rotation') would exceed Lambda's 64.");
        }

        if (props.BackupRetentionDays is < 7 or > 35)
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.BackupRetentionDays is {props.BackupRetentionDays}: DATA-03 needs 7 days or more, and RDS keeps at most 35.");
        }

        if (props.RotationDays is < 1 or > 30)
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.RotationDays is {props.RotationDays}: SEC-02 needs rotation every 30 days or less (1 to 30).");
        }

        if (props.Port is { } port && (port < 1150 || port > 65535))
        {
            throw new ArgumentException($"EncryptedDatabaseProps.Port is {port}: RDS accepts 1150 to 65535.");
        }

        if (props.AllocatedStorageGiB is < 20 or > 13107)
        {
            throw new ArgumentException($"EncryptedDatabaseProps.AllocatedStorageGiB is {props.AllocatedStorageGiB}: gp3 storage is 20 to 13107 GiB here.");
        }

        if (props.LogRetention == RetentionDays.INFINITE)
        {
            throw new ArgumentException("EncryptedDatabaseProps.LogRetention is INFINITE: DATA-07 needs a finite retention period.");
        }

        if (props.DatabaseName is { } name && !DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.DatabaseName '{name}' is not a database name: a letter, then letters, digits or underscores, at most 63 characters.");
        }

        if (!DatabaseNamePattern().IsMatch(props.MasterUsername) || props.MasterUsername.Length > 16)
        {
            throw new ArgumentException(
                $"EncryptedDatabaseProps.MasterUsername '{props.MasterUsername}' is not a user name: a letter, then letters, digits or underscores, at most 16 characters.");
        }

        ResourceNames.CheckSecretName(props.CredentialsSecretName);
    }

    [GeneratedRegex("^[a-z](?:-?[a-z0-9])*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();
}
