using System.Text.RegularExpressions;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Data;

namespace Rampart.Policy.Rules.Containers;

/// <summary>
/// CTR-09: ECR repositories scan images on push, are encrypted with a customer-managed KMS key, have immutable tags,
/// a lifecycle policy, and no repository policy that lets everyone in. One finding per aspect, keyed
/// <c>scan-on-push</c>, <c>kms</c>, <c>immutable-tags</c>, <c>lifecycle</c>, <c>public-policy</c>.
/// Scanning is also satisfied by an <c>AWS::ECR::RegistryScanningConfiguration</c> of the same template whose
/// scan-on-push or continuous rule has a filter matching the repository (only <c>*</c> matches a repository
/// without a written name).
/// </summary>
public sealed class EcrRepositoriesHardenedRule : IResourceRule
{
    public const string RepositoryType = "AWS::ECR::Repository";
    public const string RegistryScanningType = "AWS::ECR::RegistryScanningConfiguration";

    public RuleMetadata Metadata { get; } = new(
        "CTR-09",
        "ECR repositories scan on push, are KMS-encrypted, have immutable tags, a lifecycle policy and no public policy",
        Severity.High,
        SeedSection.Containers,
        [FrameworkReference.Fsbp("ECR.1"), FrameworkReference.Fsbp("ECR.2"), FrameworkReference.Fsbp("ECR.3"), FrameworkReference.Fsbp("ECR.5"),
            FrameworkReference.Config("ecr-private-image-scanning-enabled"), FrameworkReference.Config("ecr-private-tag-immutability-enabled"),
            FrameworkReference.Config("ecr-private-lifecycle-policy-configured"), FrameworkReference.Config("ecr-repository-cmk-encryption-enabled")],
        new Remediation(
            CloudFormation: "On the AWS::ECR::Repository set ImageScanningConfiguration: { ScanOnPush: true } (or a registry scanning rule), EncryptionConfiguration: { EncryptionType: KMS, KmsKey: !GetAtt EcrKey.Arn }, ImageTagMutability: IMMUTABLE, a LifecyclePolicy.LifecyclePolicyText, and give RepositoryPolicyText statements named principals or conditions instead of Principal: \"*\".",
            Cdk: "new Repository(this, \"Images\", new RepositoryProps { ImageScanOnPush = true, Encryption = RepositoryEncryption.KMS, EncryptionKey = keys.For(KeyService.Ecr), ImageTagMutability = TagMutability.IMMUTABLE, LifecycleRules = [...] }); grant pulls with repository.grantPull(role), never to AnyPrincipal."))
    {
        SeedText = "ECR Repository Configuration: Image Scanning: Scan on push enabled; Encryption: KMS encryption for images at rest; Lifecycle Policies: Retain only required image versions; Access Control: Repository-level IAM policies.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [RepositoryType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        ScanViolations(resource)
            .Concat(EncryptionViolations(resource))
            .Concat(TagViolations(resource))
            .Concat(LifecycleViolations(resource))
            .Concat(PolicyViolations(resource));

    private static IEnumerable<Violation> ScanViolations(ResourceContext repository)
    {
        if (CoveredByRegistryScanning(repository))
        {
            yield break;
        }

        foreach (var scan in repository.Get("ImageScanningConfiguration.ScanOnPush"))
        {
            var message = scan.AsBoolean() switch
            {
                true => null,
                false => "does not scan images on push (ScanOnPush is false) and no registry scanning rule of the template covers it",
                null when scan.IsAbsent => "does not scan images on push: ImageScanningConfiguration.ScanOnPush is not set and no registry scanning rule of the template covers it",
                null => $"has ScanOnPush {scan.Describe()}: it must be true",
            };
            if (message is not null)
            {
                yield return repository.Fail(scan, "repository " + message, "scan-on-push");
            }
        }
    }

    private static IEnumerable<Violation> EncryptionViolations(ResourceContext repository)
    {
        foreach (var configuration in repository.Get("EncryptionConfiguration"))
        {
            foreach (var type in repository.Get(configuration, "EncryptionType"))
            {
                switch (type.AsString()?.ToUpperInvariant())
                {
                    case "KMS" or "KMS_DSSE":
                        foreach (var key in repository.Get(configuration, "KmsKey"))
                        {
                            if (key.Guard.And(type.Guard) is not { } guard)
                            {
                                continue;
                            }

                            if (Keys.RequireCustomerManaged(repository, key, "repository", "uses the AWS-managed key aws/ecr (KmsKey is not set)", "kms") is { } violation)
                            {
                                yield return violation with { Guard = guard };
                            }
                        }

                        break;
                    case "AES256":
                        yield return repository.Fail(type, "repository encrypts images with S3-managed AES-256 keys: use EncryptionType KMS with a customer-managed key", "kms");
                        break;
                    case null when type.IsAbsent:
                        yield return repository.Fail(type, "repository has no EncryptionConfiguration, so images are encrypted with S3-managed AES-256 keys: use EncryptionType KMS with a customer-managed key", "kms");
                        break;
                    default:
                        yield return repository.Fail(type, $"repository has EncryptionType {type.Describe()}: it must be KMS with a customer-managed key", "kms");
                        break;
                }
            }
        }
    }

    private static IEnumerable<Violation> TagViolations(ResourceContext repository)
    {
        foreach (var mutability in repository.Get("ImageTagMutability"))
        {
            var text = mutability.AsString();
            if (string.Equals(text, "IMMUTABLE", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return repository.Fail(mutability, text is not null
                ? $"repository has ImageTagMutability {text}: a pushed tag can be moved to another image; it must be IMMUTABLE"
                : mutability.IsAbsent
                    ? "repository has mutable tags: ImageTagMutability is not set and defaults to MUTABLE; it must be IMMUTABLE"
                    : $"repository has ImageTagMutability {mutability.Describe()}: it must be IMMUTABLE", "immutable-tags");
        }
    }

    private static IEnumerable<Violation> LifecycleViolations(ResourceContext repository)
    {
        foreach (var policy in repository.Get("LifecyclePolicy.LifecyclePolicyText"))
        {
            if (policy.IsAbsent || (policy.IsKnownScalar && string.IsNullOrWhiteSpace(policy.Text)))
            {
                yield return repository.Fail(policy, "repository has no lifecycle policy: old images are kept forever; add LifecyclePolicy.LifecyclePolicyText", "lifecycle");
            }
        }
    }

    private static IEnumerable<Violation> PolicyViolations(ResourceContext repository)
    {
        foreach (var document in repository.Get("RepositoryPolicyText"))
        {
            if (document.IsAbsent || document.Kind == ValueKind.Null)
            {
                continue;
            }

            if (document.Kind != ValueKind.Mapping)
            {
                yield return repository.Unprovable(document, "repository policy is written as a JSON string or cannot be resolved: write it as an object so it can be checked for public access", "public-policy");
                continue;
            }

            foreach (var statement in Policies.Statements(repository, document))
            {
                if (!Policies.MayHaveEffect(repository, statement, "Allow") || Policies.HasCondition(repository, statement))
                {
                    continue;
                }

                foreach (var principal in Policies.EveryonePrincipals(repository, statement))
                {
                    yield return repository.Fail(principal, $"repository policy allows everyone ({principal.Describe()}) without a condition: name the principals that may pull or push", "public-policy");
                }
            }
        }
    }

    private static bool CoveredByRegistryScanning(ResourceContext repository)
    {
        var name = repository.Get("RepositoryName").Select(n => n.AsString()).FirstOrDefault();
        foreach (var configuration in repository.Template.OfType(RegistryScanningType))
        {
            foreach (var rule in configuration.Get("Rules[*]"))
            {
                var scans = configuration.Get(rule, "ScanFrequency").All(f => f.AsString() is "SCAN_ON_PUSH" or "CONTINUOUS_SCAN");
                if (scans && configuration.Get(rule, "RepositoryFilters[*].Filter").Any(filter => Matches(filter.AsString(), name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>ECR's WILDCARD filters: <c>*</c> matches any run of characters.</summary>
    private static bool Matches(string? filter, string? repositoryName)
    {
        if (filter is null)
        {
            return false;
        }

        if (filter == "*")
        {
            return true;
        }

        return repositoryName is not null
            && Regex.IsMatch(repositoryName, "^" + Regex.Escape(filter).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
