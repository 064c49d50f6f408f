using System.Text.RegularExpressions;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// How a template ties secrets to their uses: rotation schedules, target attachments (a secret attached to a
/// database) and dynamic references (<c>{{resolve:secretsmanager:...}}</c>, literal or built with
/// <c>Fn::Sub</c>/<c>Fn::Join</c> around a <c>Ref</c> to the secret).
/// </summary>
public static partial class SecretLinks
{
    public const string SecretType = "AWS::SecretsManager::Secret";
    public const string RotationScheduleType = "AWS::SecretsManager::RotationSchedule";
    public const string TargetAttachmentType = "AWS::SecretsManager::SecretTargetAttachment";
    public const string DbInstanceType = "AWS::RDS::DBInstance";
    public const string DbClusterType = "AWS::RDS::DBCluster";

    /// <summary>
    /// The secrets of the template a <c>SecretId</c>-like value designates: a <c>Ref</c> to the secret or to a
    /// target attachment (whose <c>Ref</c> is the secret's ARN), or the secret's literal name or ARN.
    /// </summary>
    public static IEnumerable<ResourceContext> Designated(TemplateContext template, Resolved value) => Designated(template, value, depth: 0);

    private static IEnumerable<ResourceContext> Designated(TemplateContext template, Resolved value, int depth)
    {
        if (value.Kind == ValueKind.ResourceReference && depth < 4 && template.Find(value.ReferencedLogicalId!) is { } target)
        {
            if (target.Type == SecretType)
            {
                yield return target;
            }
            else if (target.Type == TargetAttachmentType)
            {
                foreach (var inner in target.Get("SecretId").SelectMany(id => Designated(template, id, depth + 1)))
                {
                    yield return inner;
                }
            }

            yield break;
        }

        if (value.AsString() is { } text)
        {
            foreach (var secret in template.OfType(SecretType).Where(s => s.GetOne("Name").AsString() is { } name && (text == name || text.Contains(":secret:" + name, StringComparison.Ordinal))))
            {
                yield return secret;
            }
        }
    }

    /// <summary>
    /// The secrets a dynamic reference inside a value resolves from: <c>{{resolve:secretsmanager:X:...}}</c> where X
    /// is a <c>Ref</c> to a template secret, or its name or ARN.
    /// </summary>
    public static IEnumerable<ResourceContext> DynamicallyReferenced(TemplateContext template, Resolved value)
    {
        var text = value.Kind == ValueKind.Unknown ? value.PartialText : value.AsString();
        if (text is null)
        {
            yield break;
        }

        foreach (Match reference in DynamicReferencePattern().Matches(text))
        {
            var id = reference.Groups["id"].Value;
            var resolved = id.StartsWith("${Ref ", StringComparison.Ordinal) && id.EndsWith('}')
                ? Resolved.Reference(id[6..^1], null, value.Path, value.Location, value.Guard)
                : Resolved.String(id, value.Path, value.Location, value.Guard);
            foreach (var secret in Designated(template, resolved))
            {
                yield return secret;
            }
        }
    }

    /// <summary>The template's rotation schedules by the logical ID of the secret each rotates, in one pass.</summary>
    public static IReadOnlyDictionary<string, List<ResourceContext>> RotationSchedules(TemplateContext template)
    {
        var schedules = new Dictionary<string, List<ResourceContext>>(StringComparer.Ordinal);
        foreach (var schedule in template.OfType(RotationScheduleType))
        {
            foreach (var secret in schedule.Get("SecretId").SelectMany(id => Designated(template, id)))
            {
                if (!schedules.TryGetValue(secret.LogicalId, out var list))
                {
                    schedules[secret.LogicalId] = list = [];
                }

                if (!list.Contains(schedule))
                {
                    list.Add(schedule);
                }
            }
        }

        return schedules;
    }

    /// <summary>
    /// The template's secrets that hold database credentials: attached to a database with a
    /// <c>SecretTargetAttachment</c>, or read by an RDS <c>MasterUserPassword</c> dynamic reference.
    /// </summary>
    public static IReadOnlyCollection<ResourceContext> DatabaseCredentials(TemplateContext template)
    {
        var secrets = new Dictionary<string, ResourceContext>(StringComparer.Ordinal);
        foreach (var attachment in template.OfType(TargetAttachmentType))
        {
            foreach (var secret in attachment.Get("SecretId").SelectMany(id => Designated(template, id)))
            {
                secrets.TryAdd(secret.LogicalId, secret);
            }
        }

        foreach (var database in template.OfType(DbInstanceType).Concat(template.OfType(DbClusterType)))
        {
            foreach (var secret in database.Get("MasterUserPassword").SelectMany(p => DynamicallyReferenced(template, p)))
            {
                secrets.TryAdd(secret.LogicalId, secret);
            }
        }

        return secrets.Values;
    }

    // The secret-id part of a Secrets Manager dynamic reference: up to the next ':' outside a ${...} placeholder.
    [GeneratedRegex(@"\{\{resolve:secretsmanager:(?<id>(\$\{[^}]*\}|arn:[^:}]*:secretsmanager:[^:}]*:[^:}]*:secret:[^:}]+|[^:}])+)")]
    private static partial Regex DynamicReferencePattern();
}
