using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Rampart.Architecture.Configuration;
using Rampart.Architecture.Data;
using Rampart.Architecture.Secrets;

namespace Rampart.Architecture.Stacks;

public sealed partial class WorkloadStack
{
    // The seed puts secrets management in phase 2. The TLS certificate comes in phase 1: the load
    // balancer must never run a phase without HTTPS.
    private const int CertificatePhase = 1;
    private const int SecretsManagementPhase = 2;

    /// <summary>The load balancer's ACM certificate; null when the configuration names no domain and no certificate.</summary>
    public ICertificate? Certificate { get; private set; }

    /// <summary>The application's configuration parameters (phase 2 and later), null before.</summary>
    public ConfigurationParameters? Parameters { get; private set; }

    private void BuildSecrets()
    {
        if (Configuration.Phase >= CertificatePhase && HasCertificate(Configuration))
        {
            Certificate = new TlsCertificate(this, "Certificate", new TlsCertificateProps
            {
                Source = Configuration.Certificate.Source,
                DomainName = Configuration.DomainName,
                CertificateArn = Configuration.Certificate.CertificateArn,
            }).Certificate;
        }

        if (Configuration.Phase < SecretsManagementPhase)
        {
            return;
        }

        // SecureStrings an operator adds under the path use this key; the task role may decrypt them.
        _ = Keys.For(KeyService.Ssm);
        Parameters = new ConfigurationParameters(this, "Parameters", new ConfigurationParametersProps
        {
            Application = Configuration.Application,
            Environment = Target.Name,
        });
        Parameters.Add("app", "port", Configuration.ApplicationPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "Port the application containers listen on");
    }

    private static bool HasCertificate(RampartConfiguration configuration) =>
        configuration.Certificate.Source == CertificateSource.Imported || configuration.DomainName is not null;

    /// <summary>
    /// The role CloudFormation deploys with: it resolves the database password and attaches the
    /// connection details, so the credentials' resource policy must admit it.
    /// </summary>
    private string[] DeploymentRoleArns() =>
        Synthesizer is DefaultStackSynthesizer synthesizer ? [Fn.Sub(synthesizer.CloudFormationExecutionRoleArn)] : [];
}
