using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>
/// IAM-09: KMS key policies grant nothing to everyone (<c>Principal: "*"</c> or <c>AWS: "*"</c>) without a
/// condition, and separate key administration (<see cref="AdministrationActions"/>) from key use
/// (<see cref="UseActions"/>): no Allow statement grants both, and no principal gets both through two statements
/// (the account root, which delegates to IAM, may hold administration and a use limited by conditions such as
/// <c>kms:ViaService</c>: the pattern AWS documents).
/// <c>kms:*</c> to the account root, the default CloudFormation and the CDK write, grants both and is reported;
/// so is a key without <c>KeyPolicy</c>, which gets that default.
/// </summary>
public sealed class KeyPoliciesSeparateDutiesRule : IResourceRule
{
    /// <summary>Actions that change the key or its policy: for key administrators.</summary>
    public static IReadOnlyList<string> AdministrationActions { get; } =
    [
        "kms:PutKeyPolicy", "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:UpdateKeyDescription",
        "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:RotateKeyOnDemand",
        "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial",
        "kms:TagResource", "kms:UntagResource", "kms:UpdatePrimaryRegion", "kms:ReplicateKey",
    ];

    /// <summary>Cryptographic operations: for key users.</summary>
    public static IReadOnlyList<string> UseActions { get; } =
    [
        "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext",
        "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret",
    ];

    public RuleMetadata Metadata { get; } = new(
        "IAM-09",
        "KMS key policies grant nothing to everyone unconditionally and separate key administration from key use",
        Severity.High,
        SeedSection.Identity,
        [],
        new Remediation(
            CloudFormation: "Replace the kms:* statement with one granting administration actions (kms:PutKeyPolicy, kms:ScheduleKeyDeletion, kms:Enable*/Disable*, ...) to the key administrators' role and another granting kms:Encrypt/Decrypt/GenerateDataKey* to the roles that use the key; add conditions (kms:CallerAccount, kms:ViaService) to any Principal \"*\" statement.",
            Cdk: "new kms.Key(..., {admins: [adminRole], policy: new PolicyDocument({statements: [...]})}) with separate statements for administrators and users (key.grantEncryptDecrypt(role) for users); avoid the default policy's kms:* to the account root."))
    {
        SeedText = "Access control: Resource-based key policies with conditions.",
    };

    public IReadOnlyList<string> ResourceTypes { get; } = [Policies.KmsKeyType, Policies.KmsReplicaKeyType];

    public IEnumerable<Violation> Evaluate(ResourceContext resource)
    {
        var documents = Policies.Documents(resource).ToList();
        if (documents.Count == 0)
        {
            yield return resource.Fail("has no KeyPolicy: KMS gives it the default policy, kms:* to the account root, which mixes key administration and use", "default-policy");
            yield break;
        }

        var roles = new Dictionary<string, (bool Administers, bool Uses)>(StringComparer.Ordinal);
        foreach (var statement in documents.SelectMany(Policies.Statements))
        {
            if (!statement.MayAllow)
            {
                continue;
            }

            var principals = statement.Principals().ToList();
            foreach (var everyone in principals.Where(p => p.IsEveryone))
            {
                foreach (var block in statement.ConditionBlocks.Where(b => b.IsAbsent))
                {
                    if (block.Guard.And(everyone.Value.Guard) is { } guard)
                    {
                        yield return resource.Fail(everyone.Value, "allows everyone (\"*\") without a condition: add kms:CallerAccount/kms:ViaService conditions or name the principals", "*") with { Guard = guard };
                    }
                }
            }

            var (administers, uses, at) = Classify(statement);
            if (administers && uses)
            {
                var who = string.Join(", ", principals.Select(Name));
                yield return resource.Fail(at!, $"grants key administration and key use in one statement ({Arns.Describe(at!)}) to {who}: give administrators and users separate statements and principals", "mixed");
                continue;
            }

            var conditioned = statement.ConditionBlocks.All(b => b.Kind == ValueKind.Mapping);
            foreach (var principal in principals.Where(p => !p.IsEveryone))
            {
                // The account root delegates to IAM: it may administer the key and use it through conditions
                // (kms:ViaService, kms:CallerAccount), the pattern AWS documents; unconditioned use is kms:* split in two.
                var name = Name(principal);
                var countsAsUse = uses && !(IsAccountRoot(principal.Value) && conditioned);
                var before = roles.GetValueOrDefault(name);
                var after = (before.Administers || administers, before.Uses || countsAsUse);
                if (after.Item1 && after.Item2 && !(before.Administers && before.Uses))
                {
                    yield return resource.Fail(principal.Value, $"gives {name} key {(administers ? "administration" : "use")} here and key {(administers ? "use" : "administration")} in another statement: one principal should not hold both", name) with { Proven = true };
                }

                roles[name] = after;
            }
        }
    }

    /// <summary>Whether a statement grants administration, use, and the value to point at when it grants both.</summary>
    private static (bool Administers, bool Uses, Resolved? At) Classify(PolicyStatement statement)
    {
        if (statement.HasNotAction)
        {
            // NotAction grants everything it does not list: both, unless it lists all of one kind (not worth modelling).
            return (true, true, statement.NotActionProperty.First());
        }

        bool administers = false, uses = false;
        Resolved? both = null;
        foreach (var action in statement.Actions)
        {
            if (Actions.Text(action) is not { } text)
            {
                continue;
            }

            var isAdministration = Actions.GrantsAny(text, AdministrationActions);
            var isUse = Actions.GrantsAny(text, UseActions);
            administers |= isAdministration;
            uses |= isUse;
            if (isAdministration && isUse)
            {
                both ??= action;
            }
        }

        return (administers, uses, both ?? statement.Actions.FirstOrDefault());
    }

    private static bool IsAccountRoot(Resolved principal)
    {
        var text = principal.Kind == ValueKind.Unknown ? principal.PartialText : principal.AsString();
        return text is not null && (text.EndsWith(":root", StringComparison.Ordinal) || text == "${AWS::AccountId}"
            || (text.Length == 12 && text.All(char.IsAsciiDigit)));
    }

    private static string Name(Principal principal) => principal.Value.Kind switch
    {
        ValueKind.ResourceReference => principal.Value.Describe(),
        _ => Arns.Describe(principal.Value),
    };
}
