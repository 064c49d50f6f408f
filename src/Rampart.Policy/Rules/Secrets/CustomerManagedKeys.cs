using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// Whether a <c>KmsKeyId</c> names a customer-managed key: a key (or alias) of the template, a key ID or ARN, or an
/// alias other than the AWS managed <c>alias/aws/...</c>. Absent means the AWS managed key.
/// </summary>
public static class CustomerManagedKeys
{
    /// <summary>Null when the value names a customer-managed key; otherwise what is wrong, and whether that is proven.</summary>
    public static (string Problem, bool Proven)? Problem(ResourceContext owner, Resolved keyId, string awsManagedKey)
    {
        switch (keyId.Kind)
        {
            case ValueKind.Absent or ValueKind.Null:
                return ($"uses the AWS managed key {awsManagedKey}: set KmsKeyId to a customer-managed key", true);
            case ValueKind.ResourceReference:
                var target = owner.Follow(keyId);
                return target?.Type switch
                {
                    "AWS::KMS::Key" or "AWS::KMS::ReplicaKey" => null,
                    "AWS::KMS::Alias" => null,
                    _ => ($"refers to {keyId.ReferencedLogicalId} ({target?.Type}), which is not a KMS key of the template", false),
                };
        }

        var text = Arns.Text(keyId);
        if (text is null || text.Trim(Arns.Placeholder).Length == 0)
        {
            return ($"names a key that cannot be resolved ({Arns.Describe(keyId)}): check it is customer-managed", false);
        }

        return text.StartsWith("alias/aws/", StringComparison.Ordinal) || text.Contains(":alias/aws/", StringComparison.Ordinal)
            ? ($"uses the AWS managed key {Arns.Describe(keyId)}: use a customer-managed key", true)
            : null;
    }
}
