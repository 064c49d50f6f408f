using System.Text.RegularExpressions;

namespace Rampart.Policy.Rules.Data;

/// <summary>
/// DATA-06: customer-managed KMS keys rotate (symmetric keys: <c>EnableKeyRotation: true</c>, at least yearly), each
/// has an alias named <c>alias/&lt;application&gt;/&lt;environment&gt;/&lt;service&gt;</c>, and each serves one
/// service: a key that protects, say, an RDS instance and a bucket fails "separate keys per service". Keys:
/// <c>rotation</c>, <c>alias</c>, <c>separation</c> on the key; <c>alias-name</c> on an <c>AWS::KMS::Alias</c>.
/// </summary>
/// <remarks>
/// Uses are read from the properties through which services name their key (see <see cref="KeyUsages"/>): the
/// service is the resource type's (rds, s3, logs, secrets, ecr, ebs, sns...), so three log groups sharing a logs key
/// are one service. An alias name partly built from parameters (<c>alias/${App}/${Env}/rds</c>) passes when its
/// shape is right whatever the parameters hold, and is not proven otherwise.
/// </remarks>
public sealed partial class KmsKeysDedicatedAndRotatedRule : IResourceRule
{
    private const int MaximumRotationDays = 365;

    /// <summary>The keys of a template that an alias of the template targets, read once per template.</summary>
    private static readonly TemplateIndex<HashSet<string>> AliasedKeys = new(FindAliasedKeys);

    public RuleMetadata Metadata { get; } = new(
        "DATA-06",
        "KMS keys: one customer-managed key per service, rotated, aliased alias/<application>/<environment>/<service>",
        Severity.Medium,
        SeedSection.Data,
        [FrameworkReference.Fsbp("KMS.4"), FrameworkReference.Cis("3.6"), FrameworkReference.Config("cmk-backing-key-rotation-enabled")],
        new Remediation(
            CloudFormation: "Create one AWS::KMS::Key per service with EnableKeyRotation: true, an AWS::KMS::Alias with AliasName alias/<application>/<environment>/<service> and TargetKeyId: !Ref TheKey, and point each service's KmsKeyId at its own key.",
            Cdk: "new Key(this, \"Rds\", new KeyProps { EnableKeyRotation = true, Alias = $\"alias/{app}/{env}/rds\" }) per service (a ServiceKeys construct: keys.For(KeyService.Rds)); do not pass one key to several services."))
    {
        SeedText = "Key Management Strategy: Application-specific keys: Separate keys per application/environment; Service-specific keys: Dedicated keys for RDS, EBS, S3; Rotation policy: Annual key rotation for long-term keys.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Keys.KeyType, Keys.AliasType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource) =>
        resource.Type == Keys.AliasType
            ? AliasNameViolations(resource)
            : RotationViolations(resource).Concat(AliasViolations(resource)).Concat(SeparationViolations(resource));

    private static IEnumerable<Violation> RotationViolations(ResourceContext key)
    {
        // Only symmetric encryption keys can rotate automatically.
        if (key.Get("KeySpec").Any(spec => spec.AsString() is { } text && text != "SYMMETRIC_DEFAULT")
            || key.Get("KeyUsage").Any(usage => usage.AsString() is { } text && text != "ENCRYPT_DECRYPT"))
        {
            yield break;
        }

        foreach (var rotation in key.Get("EnableKeyRotation"))
        {
            switch (rotation.AsBoolean())
            {
                case true:
                    foreach (var period in key.Get("RotationPeriodInDays"))
                    {
                        if (period.AsInteger() is > MaximumRotationDays and var days && rotation.Guard.And(period.Guard) is { } guard)
                        {
                            yield return key.Fail(period, $"key rotates every {days} days: the seed asks for rotation at least yearly (365 days or fewer)", "rotation") with { Guard = guard };
                        }
                    }

                    break;
                case false:
                    yield return key.Fail(rotation, "key does not rotate (EnableKeyRotation is false)", "rotation");
                    break;
                case null when rotation.IsAbsent:
                    yield return key.Fail(rotation, "key does not rotate: EnableKeyRotation is not set and defaults to false", "rotation");
                    break;
                default:
                    yield return key.Fail(rotation, $"key has EnableKeyRotation {rotation.Describe()}: it must be true", "rotation");
                    break;
            }
        }
    }

    private static IEnumerable<Violation> AliasViolations(ResourceContext key)
    {
        if (!AliasedKeys.Of(key.Template).Contains(key.LogicalId))
        {
            yield return key.Fail("key has no AWS::KMS::Alias in the template: name it alias/<application>/<environment>/<service>", "alias");
        }
    }

    private static IEnumerable<Violation> SeparationViolations(ResourceContext key)
    {
        var uses = KeyUsages.OfKey(key.Template, key.LogicalId).ToList();
        var services = uses.Select(u => u.Service).Distinct(StringComparer.Ordinal).ToList();
        if (services.Count > 1)
        {
            var listing = string.Join(", ", services.Select(s => $"{s} ({string.Join(", ", uses.Where(u => u.Service == s).Select(u => u.ResourceLogicalId).Distinct(StringComparer.Ordinal))})"));
            yield return key.Fail($"key protects {services.Count} services: {listing}; the seed asks for a dedicated key per service", "separation");
        }
    }

    private static IEnumerable<Violation> AliasNameViolations(ResourceContext alias)
    {
        foreach (var name in alias.Get("AliasName"))
        {
            if (name.AsString() is { } text)
            {
                if (!AliasPattern().IsMatch(text))
                {
                    yield return alias.Fail(name, $"alias {text} does not follow alias/<application>/<environment>/<service>", "alias-name");
                }

                continue;
            }

            // Partly known: right if its shape holds whatever the unknown parts are (each a whole segment or inside one).
            var shape = name.PartialText is { } partial ? Placeholder().Replace(partial, "x") : null;
            if (shape is null || !AliasPattern().IsMatch(shape))
            {
                yield return alias.Unprovable(name, $"alias name {name.Describe()} cannot be confirmed to follow alias/<application>/<environment>/<service>", "alias-name");
            }
        }
    }

    private static HashSet<string> FindAliasedKeys(TemplateContext template) =>
        template.OfType(Keys.AliasType)
            .SelectMany(alias => alias.Get("TargetKeyId"))
            .Select(target => Keys.ReferencedKey(template, target))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^alias/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"\$\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
