namespace Rampart.Policy.Rules.Secrets;

/// <summary>The rules of the seed's Secrets section, in control order.</summary>
public static class SecretsRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new NoPlaintextSecretsRule(),
        new DatabaseCredentialsRotateRule(),
        new SecretsUseCustomerManagedKeysRule(),
        new SecretNamesFollowConventionRule(),
        new ParameterNamesFollowConventionRule(),
        new ContainerSecretsFromSecretStoreRule(),
        new ManualRotationFlaggedRule(),
        new CertificatesFromAcmRule(),
    ];
}
