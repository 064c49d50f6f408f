using System.Runtime.CompilerServices;
using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>What a policy document governs.</summary>
public enum PolicyKind
{
    /// <summary>Attached to a role, user or group: what that identity may do.</summary>
    Identity,

    /// <summary>A role's <c>AssumeRolePolicyDocument</c>: who may become the role.</summary>
    Trust,

    /// <summary>Attached to a resource (bucket, secret, key, topic, queue, repository, function): who may use it.</summary>
    Resource,
}

/// <summary>One policy document of a resource, as one alternative of the property that holds it.</summary>
public sealed record PolicyDocument(ResourceContext Owner, PolicyKind Kind, Resolved Value)
{
    /// <summary>
    /// True for KMS key policies and Secrets Manager resource policies, where <c>Resource: *</c> means "this key"
    /// or "this secret", not every resource of the account.
    /// </summary>
    public bool ResourceStarMeansSelf => Owner.Type is Policies.KmsKeyType or Policies.KmsReplicaKeyType or Policies.SecretResourcePolicyType;
}

/// <summary>
/// Reads every policy document a template can hold into statements: identity policies (roles, users, groups and
/// the standalone policy resources), role trust policies and resource policies. Single values and lists,
/// <c>Fn::If</c> alternatives and documents written as JSON strings all come out the same way, each value
/// with its path, position and guard.
/// </summary>
public static class Policies
{
    public const string RoleType = "AWS::IAM::Role";
    public const string UserType = "AWS::IAM::User";
    public const string GroupType = "AWS::IAM::Group";
    public const string PolicyType = "AWS::IAM::Policy";
    public const string ManagedPolicyType = "AWS::IAM::ManagedPolicy";
    public const string RolePolicyType = "AWS::IAM::RolePolicy";
    public const string UserPolicyType = "AWS::IAM::UserPolicy";
    public const string GroupPolicyType = "AWS::IAM::GroupPolicy";
    public const string BucketPolicyType = "AWS::S3::BucketPolicy";
    public const string TopicPolicyType = "AWS::SNS::TopicPolicy";
    public const string QueuePolicyType = "AWS::SQS::QueuePolicy";
    public const string SecretResourcePolicyType = "AWS::SecretsManager::ResourcePolicy";
    public const string KmsKeyType = "AWS::KMS::Key";
    public const string KmsReplicaKeyType = "AWS::KMS::ReplicaKey";
    public const string RepositoryType = "AWS::ECR::Repository";
    public const string LambdaPermissionType = "AWS::Lambda::Permission";
    public const string LogsResourcePolicyType = "AWS::Logs::ResourcePolicy";

    /// <summary>Types whose documents say what an identity may do.</summary>
    public static IReadOnlyList<string> IdentityPolicyTypes { get; } =
        [RoleType, UserType, GroupType, PolicyType, ManagedPolicyType, RolePolicyType, UserPolicyType, GroupPolicyType];

    /// <summary>Types whose documents say who may use a resource.</summary>
    public static IReadOnlyList<string> ResourcePolicyTypes { get; } =
        [BucketPolicyType, TopicPolicyType, QueuePolicyType, SecretResourcePolicyType, KmsKeyType, KmsReplicaKeyType, RepositoryType, LambdaPermissionType, LogsResourcePolicyType];

    /// <summary>Every type that holds a policy document.</summary>
    public static IReadOnlyList<string> AllPolicyTypes { get; } = [.. IdentityPolicyTypes, .. ResourcePolicyTypes];

    // A resource's documents and a document's statements are read once and shared by every rule that reads them (eight
    // IAM rules and a few others read the same statements). Held weakly, by reference, as long as the template's context.
    private static readonly ConditionalWeakTable<ResourceContext, PolicyDocument[]> DocumentsByResource = [];
    private static readonly ConditionalWeakTable<PolicyDocument, PolicyStatement[]> StatementsByDocument = [];

    /// <summary>The policy documents of one resource (every alternative; absent documents are skipped).</summary>
    public static IEnumerable<PolicyDocument> Documents(ResourceContext resource) =>
        DocumentsByResource.GetValue(resource, static r => [.. ReadDocuments(r)]);

    private static IEnumerable<PolicyDocument> ReadDocuments(ResourceContext resource)
    {
        switch (resource.Type)
        {
            case RoleType:
                foreach (var document in Present(resource, resource.Get("AssumeRolePolicyDocument")))
                {
                    yield return new PolicyDocument(resource, PolicyKind.Trust, document);
                }

                foreach (var document in Present(resource, resource.Get("Policies[*].PolicyDocument")))
                {
                    yield return new PolicyDocument(resource, PolicyKind.Identity, document);
                }

                break;
            case UserType or GroupType:
                foreach (var document in Present(resource, resource.Get("Policies[*].PolicyDocument")))
                {
                    yield return new PolicyDocument(resource, PolicyKind.Identity, document);
                }

                break;
            case PolicyType or ManagedPolicyType or RolePolicyType or UserPolicyType or GroupPolicyType:
                foreach (var document in Present(resource, resource.Get("PolicyDocument")))
                {
                    yield return new PolicyDocument(resource, PolicyKind.Identity, document);
                }

                break;
            case LambdaPermissionType:
                // A permission is one statement written as properties: Action, Principal, SourceArn/SourceAccount.
                if (resource.Resource.Properties is { } properties)
                {
                    yield return new PolicyDocument(resource, PolicyKind.Resource, LambdaPermissionDocument(resource, properties));
                }

                break;
            default:
                var path = resource.Type switch
                {
                    SecretResourcePolicyType => "ResourcePolicy",
                    KmsKeyType or KmsReplicaKeyType => "KeyPolicy",
                    RepositoryType => "RepositoryPolicyText",
                    BucketPolicyType or TopicPolicyType or QueuePolicyType or LogsResourcePolicyType => "PolicyDocument",
                    _ => null,
                };
                if (path is not null)
                {
                    foreach (var document in Present(resource, resource.Get(path)))
                    {
                        yield return new PolicyDocument(resource, PolicyKind.Resource, document);
                    }
                }

                break;
        }
    }

    /// <summary>The statements of one resource's documents of the given kinds.</summary>
    public static IEnumerable<PolicyStatement> Statements(ResourceContext resource, params PolicyKind[] kinds) =>
        Documents(resource).Where(d => kinds.Length == 0 || kinds.Contains(d.Kind)).SelectMany(Statements);

    /// <summary>
    /// The statements of a document: a single statement or a list, each alternative. An unknown document or
    /// statement list gives one statement whose every field is unknown, so rules report it as not proven.
    /// A Lambda permission is its own single statement.
    /// </summary>
    public static IEnumerable<PolicyStatement> Statements(PolicyDocument document) =>
        StatementsByDocument.GetValue(document, static d => [.. ReadStatements(d)]);

    private static IEnumerable<PolicyStatement> ReadStatements(PolicyDocument document)
    {
        if (document.Value.IsUnknown || document.Owner.Type == LambdaPermissionType)
        {
            yield return new PolicyStatement(document, document.Value);
            yield break;
        }

        foreach (var statements in document.Owner.Get(document.Value, "Statement"))
        {
            switch (statements.Kind)
            {
                case ValueKind.Sequence:
                    foreach (var statement in document.Owner.Get(statements, "[*]"))
                    {
                        yield return new PolicyStatement(document, statement);
                    }

                    break;
                case ValueKind.Mapping or ValueKind.Unknown:
                    yield return new PolicyStatement(document, statements);
                    break;
            }
        }
    }

    /// <summary>
    /// The items of a value that may be one item or a list (<c>Action</c>, <c>Resource</c>, a principal's
    /// <c>AWS</c>): every alternative of every item. Absent gives nothing.
    /// </summary>
    public static IEnumerable<Resolved> Items(ResourceContext resource, Resolved value) => value.Kind switch
    {
        ValueKind.Absent => [],
        ValueKind.Sequence => resource.Get(value, "[*]"),
        _ => [value],
    };

    /// <summary>
    /// A child of a mapping by its exact key, resolved. Unlike <see cref="ResourceContext.Get(Resolved, string)"/>,
    /// keys may hold dots and brackets (condition keys such as <c>token.actions.githubusercontent.com:sub</c>).
    /// </summary>
    internal static Alternatives Child(ResourceContext resource, Resolved mapping, string key) => mapping.Kind switch
    {
        ValueKind.Mapping => resource.Template.Resolver.EntryOf(mapping, key),
        ValueKind.Unknown => new Alternatives(mapping.With(ValuePath.Child(mapping, key), mapping.Guard)),
        _ => default,
    };

    private static IEnumerable<Resolved> Present(ResourceContext resource, IEnumerable<Resolved> documents)
    {
        foreach (var document in documents)
        {
            if (document.IsAbsent || document.Kind == ValueKind.Null)
            {
                continue;
            }

            // AWS accepts a policy written as a JSON string; read it into the same tree, positioned at the string.
            if (document.Kind == ValueKind.String && PolicyText.Parse(document.Text!, document.Location) is { } parsed)
            {
                yield return resource.Template.Resolver.Resolve(parsed, document.Path, document.Guard, document.Location).First();
                continue;
            }

            // A JSON string built at deployment (Fn::Join around ARNs) is read from its known text.
            if (document.Kind == ValueKind.Unknown && document.PartialText is { } partial && PolicyText.ParseBuilt(partial, document.Location) is { } built)
            {
                yield return resource.Template.Resolver.Resolve(built, document.Path, document.Guard, document.Location).First();
                continue;
            }

            yield return document;
        }
    }

    private static Resolved LambdaPermissionDocument(ResourceContext resource, MappingNode properties)
    {
        // The statement borrows Action and Principal from the properties, in place: the new document reads the
        // properties' document as its continuation. A resource's body is all in one document (a file read on two
        // threads is cut between resources), so every value of the properties is there.
        var location = properties.Location;
        var document = new TemplateDocument(properties.Document.File, 2, 3) { Continuation = properties.Document };
        var entries = new EntryRecord[3];
        entries[0] = new EntryRecord("Effect", location.Line, location.Column, document.AddScalar("Allow", ScalarKind.String, location.Line, location.Column));
        var count = 1;
        foreach (var name in new[] { "Action", "Principal" })
        {
            if (properties.Entry(name) is { } entry)
            {
                var keyLocation = entry.KeyLocation;
                entries[count++] = new EntryRecord(entry.Key, keyLocation.Line, keyLocation.Column, TemplateDocument.InContinuation(entry.Value.Index));
            }
        }

        var statement = document.Node(document.AddMapping(entries.AsSpan(0, count), location.Line, location.Column));
        return resource.Template.Resolver.Resolve(statement, "Properties", resource.Guard, location).First();
    }
}
