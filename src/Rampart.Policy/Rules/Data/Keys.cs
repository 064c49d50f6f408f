using System.Text.RegularExpressions;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Data;

/// <summary>Who manages the KMS key a property names.</summary>
public enum KeyOwner
{
    /// <summary>A key of the template (or its alias), a key ARN, a key ID or a customer alias.</summary>
    Customer,

    /// <summary>An AWS-managed key (<c>alias/aws/...</c>), whose key policy the account cannot change.</summary>
    Aws,

    /// <summary>The value cannot be resolved from the template.</summary>
    Unknown,
}

/// <summary>
/// Reading KMS key references (<c>KmsKeyId</c>, <c>KMSMasterKeyID</c>, <c>KmsKey</c>...), shared by the DATA and CTR
/// rules: whether a key is customer-managed, and which key of the template a property uses.
/// </summary>
public static partial class Keys
{
    public const string KeyType = "AWS::KMS::Key";
    public const string AliasType = "AWS::KMS::Alias";
    public const string ReplicaKeyType = "AWS::KMS::ReplicaKey";

    /// <summary>
    /// Who manages the key <paramref name="reference"/> names. The caller handles an absent value (it means the service's
    /// default, usually its AWS-managed key). A <c>Ref</c>/<c>Fn::GetAtt</c> to a key or alias of the template, a key
    /// ARN (also one built with <c>Fn::Join</c>/<c>Fn::Sub</c>), a key ID or an alias outside <c>alias/aws/</c> are
    /// customer-managed; <c>alias/aws/...</c> is AWS-managed.
    /// </summary>
    public static KeyOwner Owner(ResourceContext resource, Resolved reference)
    {
        switch (reference.Kind)
        {
            case ValueKind.ResourceReference:
                return resource.Follow(reference)?.Type is KeyType or AliasType or ReplicaKeyType ? KeyOwner.Customer : KeyOwner.Unknown;
            case ValueKind.String or ValueKind.Number:
                return IsAwsManaged(reference.Text!) || reference.Text!.Length == 0 ? KeyOwner.Aws : KeyOwner.Customer;
            case ValueKind.Unknown when reference.PartialText is { } partial:
                if (IsAwsManaged(partial))
                {
                    return KeyOwner.Aws;
                }

                return ReferencedIds(partial).Any(id => resource.Template.Find(id)?.Type is KeyType or AliasType or ReplicaKeyType)
                    || partial.Contains(":key/", StringComparison.Ordinal)
                    || IsKnownCustomerAlias(partial)
                    ? KeyOwner.Customer
                    : KeyOwner.Unknown;
            default:
                return KeyOwner.Unknown;
        }
    }

    /// <summary>
    /// A violation when <paramref name="key"/> is not a customer-managed key: absent (the service's default, which
    /// <paramref name="whenAbsent"/> describes), an <c>alias/aws/...</c> key, or a value that cannot be resolved (not
    /// proven). Null when the key is customer-managed.
    /// </summary>
    public static Violation? RequireCustomerManaged(ResourceContext resource, Resolved key, string subject, string whenAbsent, string? findingKey)
    {
        var (problem, proven) = key.IsAbsent || key.Kind == ValueKind.Null
            ? ($"{subject} {whenAbsent}", true)
            : Owner(resource, key) switch
            {
                KeyOwner.Customer => (null, true),
                KeyOwner.Aws => ($"{subject} uses the AWS-managed key {key.Describe()}", true),
                _ => ($"{subject} uses a KMS key that cannot be resolved ({key.Describe()})", false),
            };
        return problem is null
            ? null
            : resource.Fail(key, problem + ": use a customer-managed key, whose key policy and rotation are yours", findingKey) with { Proven = proven };
    }

    /// <summary>
    /// The logical ID of the template's <c>AWS::KMS::Key</c> that <paramref name="reference"/> uses: directly
    /// (<c>!Ref Key</c>, <c>!GetAtt Key.Arn</c>, an ARN built from them), or through an alias of the template
    /// (<c>!Ref Alias</c>, or the alias name as text). Null when it names no key of the template.
    /// </summary>
    public static string? ReferencedKey(TemplateContext template, Resolved reference, int depth = 0)
    {
        if (depth > 2)
        {
            return null;
        }

        IEnumerable<string> ids = reference.Kind switch
        {
            ValueKind.ResourceReference => [reference.ReferencedLogicalId!],
            ValueKind.Unknown when reference.PartialText is { } partial => ReferencedIds(partial),
            _ => [],
        };

        foreach (var id in ids)
        {
            switch (template.Find(id))
            {
                case { Type: KeyType } key:
                    return key.LogicalId;
                case { Type: AliasType } alias:
                    var target = alias.Get("TargetKeyId").Select(t => ReferencedKey(template, t, depth + 1)).FirstOrDefault(k => k is not null);
                    if (target is not null)
                    {
                        return target;
                    }

                    break;
            }
        }

        // An alias named by its text ("alias/shop/prod/rds") when the template defines that alias.
        if (reference.AsString() is { } text && text.StartsWith("alias/", StringComparison.Ordinal))
        {
            foreach (var alias in template.OfType(AliasType))
            {
                if (alias.Get("AliasName").Any(name => name.AsString() == text))
                {
                    return alias.Get("TargetKeyId").Select(t => ReferencedKey(template, t, depth + 1)).FirstOrDefault(k => k is not null);
                }
            }
        }

        return null;
    }

    /// <summary>Logical IDs named inside a partly known string: <c>${Key.Arn}</c> and <c>${Ref Key}</c> placeholders.</summary>
    public static IEnumerable<string> ReferencedIds(string partialText) =>
        Placeholder().Matches(partialText).Select(m => m.Groups["id"].Value);

    /// <summary>An alias (or alias ARN) whose first segment is written and is not <c>aws</c> (checked before): <c>alias/${App}</c> is not known.</summary>
    private static bool IsKnownCustomerAlias(string partialText)
    {
        var alias = partialText.IndexOf("alias/", StringComparison.Ordinal);
        return alias >= 0 && (alias == 0 || partialText[alias - 1] == ':') && !partialText.AsSpan(alias + "alias/".Length).StartsWith("${", StringComparison.Ordinal);
    }

    private static bool IsAwsManaged(string text) =>
        text.StartsWith("alias/aws/", StringComparison.OrdinalIgnoreCase) || text.Contains(":alias/aws/", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\$\{(?:Ref )?(?<id>[A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
