using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Rampart.Architecture.Data;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    // Phase 1 lays the encryption every later resource relies on (keys, encrypted logs and buckets,
    // EBS by default); phase 2 adds the database, which needs secrets management from the start.
    private const int DataProtectionPhase = 1;
    private const int DatabasePhase = 2;

    /// <summary>One customer-managed key per service (seed: Key Management Strategy). Other sections use it too.</summary>
    public ServiceKeys Keys { get; private set; } = null!;

    /// <summary>
    /// The stack's one bucket for S3 server access logs (SSE-S3: S3 log delivery cannot write SSE-KMS).
    /// Every other bucket of the stack, monitoring's included, logs its access here.
    /// </summary>
    public IBucket AccessLogsBucket { get; private set; } = null!;

    /// <summary>The platform's log bucket for deliveries that support SSE-KMS (SecureBucket, S3 key).</summary>
    public IBucket LogsBucket { get; private set; } = null!;

    /// <summary>EBS encryption by default for the account and region, with the EBS key.</summary>
    public EbsEncryptionByDefault? EbsEncryption { get; private set; }

    /// <summary>The database (phase 2 and later), null before.</summary>
    public EncryptedDatabase? Database { get; private set; }

    /// <summary>How long logs are kept: a year in production, three months elsewhere.</summary>
    public RetentionDays LogRetention => Target.IsProduction ? RetentionDays.ONE_YEAR : RetentionDays.THREE_MONTHS;

    /// <summary>
    /// The stack's one set of service keys, made before any section: every section encrypts with these
    /// (one key per service, DATA-06), none makes its own.
    /// </summary>
    private void BuildKeys()
    {
        Keys = new ServiceKeys(this, "Keys", new ServiceKeysProps
        {
            Application = Configuration.Application,
            Environment = Target.Name,
        });

        // Every log group of the stack, whoever creates it, gets the logs key and a retention (DATA-07).
        Aspects.Of(this).Add(new LogGroupEncryptionAspect(Keys.For(KeyService.Logs), LogRetention));
    }

    private void BuildDataProtection()
    {
        if (Configuration.Phase < DataProtectionPhase)
        {
            return;
        }

        var logExpiration = Duration.Days(Target.IsProduction ? 365 : 90);
        AccessLogsBucket = new SecureBucket(this, "AccessLogsBucket", new SecureBucketProps
        {
            ServerAccessLogsTarget = true,
            Expiration = logExpiration,
        }).Bucket;
        LogsBucket = new SecureBucket(this, "LogsBucket", new SecureBucketProps
        {
            EncryptionKey = Keys.For(KeyService.S3),
            ServerAccessLogsBucket = AccessLogsBucket,
            Expiration = logExpiration,
        }).Bucket;
        EbsEncryption = new EbsEncryptionByDefault(this, "EbsEncryptionByDefault", new EbsEncryptionByDefaultProps
        {
            EncryptionKey = Keys.For(KeyService.Ebs),
            LogEncryptionKey = Keys.For(KeyService.Logs),
            LogRetention = LogRetention,
        });
    }

    private void BuildDatabase()
    {
        if (Configuration.Phase < DatabasePhase)
        {
            return;
        }

        Database = new EncryptedDatabase(this, "Database", new EncryptedDatabaseProps
        {
            Vpc = Network.Vpc,
            Subnets = Network.DatabaseSubnets,
            SecurityGroup = Network.DatabaseSecurityGroup,
            StorageEncryptionKey = Keys.For(KeyService.Rds),
            CredentialsEncryptionKey = Keys.For(KeyService.Secrets),
            LogEncryptionKey = Keys.For(KeyService.Logs),
            InstanceIdentifier = $"{Configuration.Application}-{Target.Name}-database",
            CredentialsSecretName = ResourceNames.Secret(Target.Name, Configuration.Application, "database", "credentials"),
            RotationSubnets = Network.ApplicationSubnets,
            RotationSecurityGroup = Network.ApplicationSecurityGroup,
            Engine = Configuration.DatabaseEngine,
            Port = Configuration.DatabasePort,
            MultiAz = Target.IsProduction,
            BackupRetentionDays = Target.IsProduction ? 30 : 7,
            LogRetention = LogRetention,
            InstanceType = Target.IsProduction ? InstanceType.Of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MEDIUM) : null,
            DatabaseName = Configuration.Application.Replace('-', '_'),
            CredentialManagerArns = DeploymentRoleArns(),
        });

        Parameters?.Add("database", "engine", Configuration.DatabaseEngine == Rampart.Architecture.Configuration.DatabaseEngine.MySql ? "mysql" : "postgres", "Database engine");
        Parameters?.Add("database", "host", Database.Instance.DbInstanceEndpointAddress, "Database endpoint host name (connect with TLS)");
        Parameters?.Add("database", "port", Database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "Database port");
        Parameters?.Add("database", "credentials-secret", ResourceNames.Secret(Target.Name, Configuration.Application, "database", "credentials"), "Name of the Secrets Manager secret with the database credentials");
    }
}
