using System.Text.RegularExpressions;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules.Identity;

/// <summary>How much a statement's <c>Resource</c> value covers.</summary>
public enum ResourceScope
{
    /// <summary>A resource of the template, or an ARN that names at least the start of a resource's name.</summary>
    Named,

    /// <summary><c>*</c>, or an ARN whose name part is a wildcard (<c>arn:aws:s3:::*</c>, <c>...:secret:*</c>).</summary>
    All,

    /// <summary>Cannot be known from the template (a parameter without default, an import).</summary>
    Unknown,
}

/// <summary>
/// Reading ARNs in policies, written literally or built with <c>Fn::Sub</c>/<c>Fn::Join</c> (CDK writes
/// <c>{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":ecr:..."]]}</c>). The unknown parts of a built ARN
/// (partition, region, account, a resource's name) are placeholders that stand for some name.
/// </summary>
public static partial class Arns
{
    /// <summary>Stands for one unknown part of a built string once placeholders are normalised.</summary>
    public const char Placeholder = '\uE000';

    // Services whose ARN resource part is the resource's name itself, with no "type/" or "type:" before it.
    private static readonly string[] UntypedServices = ["s3", "sns", "sqs", "execute-api"];

    /// <summary>How much a <c>Resource</c> value covers (see <see cref="ResourceScope"/>).</summary>
    public static ResourceScope Scope(Resolved value)
    {
        switch (value.Kind)
        {
            case ValueKind.ResourceReference:
                return ResourceScope.Named;
            case ValueKind.String:
                return ScopeOfText(value.Text!);
            case ValueKind.Unknown when value.PartialText is { } partial:
                if (IsOnePlaceholder(partial))
                {
                    // Only a placeholder: a resource's attribute names a resource; a parameter or import could be anything.
                    return IsResourcePlaceholder(partial) ? ResourceScope.Named : ResourceScope.Unknown;
                }

                return ScopeOfText(Normalise(partial));
            default:
                return ResourceScope.Unknown;
        }
    }

    /// <summary>The known text of a value, with each unknown part replaced by <see cref="Placeholder"/>; null when nothing is known.</summary>
    public static string? Text(Resolved value) => value.Kind switch
    {
        ValueKind.String or ValueKind.Number or ValueKind.Boolean => value.Text,
        ValueKind.Unknown when value.PartialText is { } partial => Normalise(partial),
        _ => null,
    };

    /// <summary>The service of an ARN text (<c>s3</c>, <c>ssm</c>), or null when it is not an ARN.</summary>
    public static string? Service(string text) => TrySplit(text, out var service, out _, out _) ? text[service] : null;

    /// <summary>The region field of an ARN text (empty for S3 and IAM), or null when it is not an ARN.</summary>
    public static string? Region(string text) => TrySplit(text, out _, out var region, out _) ? text[region] : null;

    /// <summary>
    /// The name part of an ARN: after the resource type (<c>repository/</c>, <c>log-group:</c>, <c>secret:</c>,
    /// <c>parameter/</c>), or the whole resource part for S3, SNS and SQS. Null when the text is not an ARN.
    /// </summary>
    public static string? NamePart(string text)
    {
        if (!TrySplit(text, out var service, out _, out var resource))
        {
            return null;
        }

        foreach (var untyped in UntypedServices)
        {
            if (text.AsSpan(service).Equals(untyped, StringComparison.OrdinalIgnoreCase))
            {
                return text[resource..];
            }
        }

        var separator = text.AsSpan(resource).IndexOfAny('/', ':');
        return separator < 0 ? text[resource..] : text[(resource + separator + 1)..];
    }

    /// <summary>
    /// Where the service and region fields of an ARN (<c>arn:partition:service:region:account:resource</c>) are, and
    /// where its resource part starts; false when the text is not an ARN. Read in place: rules ask this of every
    /// <c>Resource</c> of every statement, and splitting made six strings each time.
    /// </summary>
    private static bool TrySplit(string text, out Range service, out Range region, out int resource)
    {
        service = region = default;
        resource = 0;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        Span<int> colons = stackalloc int[5];
        var found = 0;
        for (var i = 3; i < text.Length && found < colons.Length; i++)
        {
            if (text[i] == ':')
            {
                colons[found++] = i;
            }
        }

        if (found < colons.Length)
        {
            return false;
        }

        service = (colons[1] + 1)..colons[2];
        region = (colons[2] + 1)..colons[3];
        resource = colons[4] + 1;
        return true;
    }

    /// <summary>
    /// How many leading path segments of the name are written out before any wildcard: 2 for
    /// <c>parameter/webapp/prod/*</c>, 1 for <c>parameter/webapp/*</c>, 0 for <c>parameter/*</c>.
    /// </summary>
    public static int LiteralPathDepth(string name)
    {
        var depth = 0;
        foreach (var segment in name.TrimStart('/').Split('/'))
        {
            if (segment.Length == 0 || segment.IndexOfAny(['*', '?']) >= 0)
            {
                break;
            }

            depth++;
        }

        return depth;
    }

    /// <summary>
    /// The logical IDs of the template's resources a value refers to: a <c>Ref</c>/<c>Fn::GetAtt</c>, or the
    /// resources named inside a built string (<c>${Bucket.Arn}/*</c>).
    /// </summary>
    public static IEnumerable<string> ReferencedLogicalIds(Resolved value, TemplateContext template)
    {
        if (value.Kind == ValueKind.ResourceReference)
        {
            yield return value.ReferencedLogicalId!;
            yield break;
        }

        if (value.Kind != ValueKind.Unknown || value.PartialText is not { } partial)
        {
            yield break;
        }

        foreach (Match placeholder in PlaceholderPattern().Matches(partial))
        {
            if (ResourceOf(placeholder.Value) is { } id && template.Find(id) is not null)
            {
                yield return id;
            }
        }
    }

    /// <summary>A value for a message: like <see cref="Resolved.Describe"/>, but a built string reads as its known text with <c>${...}</c> for the rest, and a wholly unknown value as why it is unknown.</summary>
    public static string Describe(Resolved value)
    {
        if (value.Kind == ValueKind.Unknown && value.PartialText is null)
        {
            return value.UnknownReason ?? "unknown";
        }

        if (value.Kind == ValueKind.Unknown && value.PartialText is { } partial)
        {
            return IsOnePlaceholder(partial) ? value.UnknownReason ?? "unknown" : partial;
        }

        return value.Describe();
    }

    /// <summary>Replaces every <c>${...}</c> placeholder of a partial text with <see cref="Placeholder"/>.</summary>
    public static string Normalise(string partial) =>
        partial.Contains("${", StringComparison.Ordinal) ? PlaceholderPattern().Replace(partial, Placeholder.ToString()) : partial;

    /// <summary>True when the whole text is one <c>${...}</c> placeholder (what <see cref="PlaceholderPattern"/> matches, end to end).</summary>
    private static bool IsOnePlaceholder(string text) =>
        text.Length >= 3 && text.StartsWith("${", StringComparison.Ordinal) && text.IndexOf('}', 2) == text.Length - 1;

    private static ResourceScope ScopeOfText(string text)
    {
        if (text.Length == 0)
        {
            return ResourceScope.Unknown;
        }

        var name = NamePart(text) ?? text;
        return name.Length == 0 || name[0] is '*' or '?' ? ResourceScope.All : ResourceScope.Named;
    }

    private static bool IsResourcePlaceholder(string placeholder) => ResourceOf(placeholder) is not null;

    /// <summary>The logical ID in <c>${Ref Bucket}</c> or <c>${Bucket.Arn}</c> (how resolved parts are written), else null.</summary>
    private static string? ResourceOf(string placeholder)
    {
        var inner = placeholder[2..^1];
        if (inner.StartsWith("Ref ", StringComparison.Ordinal))
        {
            return inner[4..];
        }

        var dot = inner.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !inner.Contains("::", StringComparison.Ordinal) ? inner[..dot] : null;
    }

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex PlaceholderPattern();
}
