using System.Text.Json.Nodes;

namespace Rampart.Architecture.Tests.Identity;

/// <summary>One statement of a policy in a template, with where it was found.</summary>
public sealed record PolicyStatementView(string LogicalId, string Kind, JsonObject Statement)
{
    public bool IsAllow => (string?)Statement["Effect"] == "Allow";

    public IReadOnlyList<string> Actions => TemplateQueries.Strings(Statement["Action"]);

    public IReadOnlyList<string> NotActions => TemplateQueries.Strings(Statement["NotAction"]);

    /// <summary>Resources that are plain strings ("*" or literal ARNs); intrinsic functions are left out.</summary>
    public IReadOnlyList<string> LiteralResources => TemplateQueries.Strings(Statement["Resource"]);

    public JsonObject? Condition => Statement[nameof(Condition)]?.AsObject();

    /// <summary>The value of one condition key under one operator, if present.</summary>
    public JsonNode? ConditionValue(string op, string key) => Condition?[op]?[key];

    public override string ToString() => $"{Kind} {LogicalId}: {Statement.ToJsonString()}";
}

/// <summary>Queries over the policies and references of a synthesized template.</summary>
public static class TemplateQueries
{
    /// <summary>A string, or the strings of an array; objects (intrinsic functions) are skipped.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        JsonArray array => array.SelectMany(Strings).ToList(),
        _ => [],
    };

    /// <summary>The logical ID a <c>Ref</c> or <c>Fn::GetAtt</c> points at, or null.</summary>
    public static string? ReferencedId(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }

        if (o["Ref"] is JsonValue r)
        {
            return (string?)r;
        }

        return o["Fn::GetAtt"] is JsonArray getAtt ? (string?)getAtt[0] : null;
    }

    /// <summary>Every logical ID referenced anywhere below <paramref name="node"/>.</summary>
    public static IEnumerable<string> ReferencedIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (ReferencedId(o) is { } id)
                {
                    yield return id;
                }

                foreach (var child in o.Select(p => p.Value).SelectMany(ReferencedIds))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(ReferencedIds))
                {
                    yield return child;
                }

                break;
        }
    }

    /// <summary>Statements of identity policies: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and roles' inline policies.</summary>
    public static IReadOnlyList<PolicyStatementView> IdentityStatements(this TemplateView template)
    {
        var statements = new List<PolicyStatementView>();
        foreach (var type in new[] { "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" })
        {
            foreach (var (id, resource) in template.OfType(type))
            {
                statements.AddRange(StatementsOf(id, type, resource["Properties"]?["PolicyDocument"]));
            }
        }

        foreach (var (id, resource) in template.OfType("AWS::IAM::Role"))
        {
            foreach (var policy in resource["Properties"]?["Policies"]?.AsArray() ?? [])
            {
                statements.AddRange(StatementsOf(id, "AWS::IAM::Role inline", policy?["PolicyDocument"]));
            }
        }

        return statements;
    }

    /// <summary>Statements of resource policies: buckets, keys, secrets, repositories.</summary>
    public static IReadOnlyList<PolicyStatementView> ResourceStatements(this TemplateView template)
    {
        var sources = new (string Type, string Property)[]
        {
            ("AWS::S3::BucketPolicy", "PolicyDocument"),
            ("AWS::KMS::Key", "KeyPolicy"),
            ("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"),
            ("AWS::ECR::Repository", "RepositoryPolicyText"),
            ("AWS::SNS::TopicPolicy", "PolicyDocument"),
            ("AWS::SQS::QueuePolicy", "PolicyDocument"),
        };
        return sources
            .SelectMany(s => template.OfType(s.Type).SelectMany(r => StatementsOf(r.LogicalId, s.Type, r.Resource["Properties"]?[s.Property])))
            .ToList();
    }

    /// <summary>Identity statements of the policies attached to one role.</summary>
    public static IReadOnlyList<PolicyStatementView> StatementsOfRole(this TemplateView template, string roleId)
    {
        var attached = template.OfType("AWS::IAM::Policy")
            .Where(p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => ReferencedId(r) == roleId))
            .SelectMany(p => StatementsOf(p.LogicalId, "AWS::IAM::Policy", p.Resource["Properties"]!["PolicyDocument"]));
        var inline = (template.Resource(roleId)["Properties"]?["Policies"]?.AsArray() ?? [])
            .SelectMany(p => StatementsOf(roleId, "AWS::IAM::Role inline", p?["PolicyDocument"]));
        return attached.Concat(inline).ToList();
    }

    /// <summary>The logical ID of the one resource of a type whose ID starts with a construct's ID.</summary>
    public static string Single(this TemplateView template, string type, string idPrefix) =>
        template.OfType(type).Where(r => r.LogicalId.StartsWith(idPrefix, StringComparison.Ordinal)).Select(r => r.LogicalId).Single();

    /// <summary>The logical ID of the KMS key an alias points at.</summary>
    public static string KeyIdOfAlias(this TemplateView template, string aliasName) =>
        template.OfType("AWS::KMS::Alias")
            .Where(a => (string?)a.Resource["Properties"]!["AliasName"] == aliasName)
            .Select(a => ReferencedId(a.Resource["Properties"]!["TargetKeyId"])!)
            .Single();

    private static IEnumerable<PolicyStatementView> StatementsOf(string id, string kind, JsonNode? document)
    {
        var statements = document?["Statement"];
        IEnumerable<JsonNode?> items = statements is JsonArray array ? array : [statements];
        return items.OfType<JsonObject>().Select(s => new PolicyStatementView(id, kind, s));
    }
}
