using Rampart.Policy.Model;
using Rampart.Policy.Resolution;
using Rampart.Policy.Rules.Identity;

namespace Rampart.Policy.Rules.Secrets;

/// <summary>
/// SEC-01: no secret in plain text anywhere in a template.
/// <list type="bullet">
/// <item>A property, variable or mapping entry whose name says it holds a secret (<see cref="SecretWords.LooksSecret"/>:
/// <c>MasterUserPassword</c>, <c>DB_PASSWORD</c>, <c>ApiKeyValue</c>, a container environment entry named so) must
/// not be a literal: it is a <c>{{resolve:secretsmanager:...}}</c> or <c>{{resolve:ssm-secure:...}}</c> dynamic
/// reference, or a <c>Ref</c> to a <c>NoEcho</c> parameter without default. RDS's
/// <c>ManageMasterUserPassword: true</c> (no <c>MasterUserPassword</c> at all) is the preferred form.</item>
/// <item>A value that is a credential whatever its name (an AWS access key ID, a private key, a GitHub, Slack or
/// Stripe token, a secret assigned in a script) is reported wherever it is.</item>
/// <item>A parameter with a default that holds a secret (its name says so, it is <c>NoEcho</c>, or a secret
/// property takes it) is reported at the default.</item>
/// </list>
/// Messages never repeat the secret. Values built with <c>Fn::Sub</c>/<c>Fn::Join</c> from parts the template does
/// not show are reported as not proven.
/// </summary>
public sealed class NoPlaintextSecretsRule : ITemplateRule
{
    private const int MaxDepth = 48;

    private static readonly string[] ResourceSections = ["Properties", "Metadata"];

    public RuleMetadata Metadata { get; } = new(
        "SEC-01",
        "No secret in plain text: passwords, tokens and keys come from Secrets Manager",
        Severity.Critical,
        SeedSection.Secrets,
        [],
        new Remediation(
            CloudFormation: "Set ManageMasterUserPassword: true on RDS (and drop MasterUserPassword), or write \"{{resolve:secretsmanager:/prod/webapp/database/credentials:SecretString:password}}\"; pass containers secrets through Secrets/ValueFrom; make secret parameters NoEcho with no Default; remove keys and tokens from templates and rotate them.",
            Cdk: "Use rds.Credentials.fromGeneratedSecret(...) (or manageMasterUserPassword), SecretValue.secretsManager(...) / ecs.Secret.fromSecretsManager(...) instead of SecretValue.unsafePlainText(...) or literal strings; never put keys in environment: {...}."))
    {
        SeedText = "AWS Secrets Manager (For Sensitive Data) Use For: Database credentials with automatic rotation; API keys for external services; SSL/TLS certificates; OAuth tokens and secrets.",
    };

    public IEnumerable<Violation>? Evaluate(TemplateContext template)
    {
        var found = new List<Violation>();
        var secretParameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in template.Resources)
        {
            foreach (var section in ResourceSections)
            {
                foreach (var value in Policies.Child(resource, resource.Body, section))
                {
                    Walk(resource, value, null, null, false, 0, found, secretParameters);
                }
            }
        }

        JudgeParameters(template, secretParameters, found);
        foreach (var section in new[] { "Mappings", "Outputs", "Parameters", "Conditions" })
        {
            if (template.Template.Root.Entry(section) is { } entry)
            {
                WalkRaw(template.Template, entry.Value, section, section == "Mappings" ? null : string.Empty, 0, found);
            }
        }

        return found;
    }

    private static void Walk(ResourceContext resource, Resolved value, string? name, TemplateNode? raw, bool listItem, int depth, List<Violation> found, HashSet<string> secretParameters)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (value.Kind)
        {
            case ValueKind.Mapping:
                // Only list items are {Name, Value} entries: a resource's own Name and Value (an SSM parameter) are not a pair.
                var pairName = listItem ? NameOfPair(resource, value) : null;
                var mapping = value.Mapping!.Value;
                foreach (ref readonly var entry in mapping.EntrySpan)
                {
                    var childName = entry.Key == "Value" && pairName is not null ? pairName : entry.Key;
                    var entryValue = mapping.ValueOf(entry);
                    if (entryValue.TryGetScalar(out var scalar))
                    {
                        // Most values are plain scalars: judged as written, a resolved value made only for a finding.
                        JudgeScalar(resource, value, entry.Key, scalar, childName, found, secretParameters);
                        continue;
                    }

                    if (IsInertReference(resource.Template.Template, entryValue, childName))
                    {
                        continue;
                    }

                    foreach (var child in Policies.Child(resource, value, entry.Key))
                    {
                        Walk(resource, child, childName, entryValue, false, depth + 1, found, secretParameters);
                    }
                }

                break;
            case ValueKind.Sequence:
                var items = value.Sequence!.Value.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    if (item.TryGetScalar(out var scalar))
                    {
                        if (MayBeSecret(scalar, name))
                        {
                            JudgeKnown(resource, resource.Template.Resolver.ItemOf(value, i).Single(), name, null, found, secretParameters);
                        }

                        continue;
                    }

                    if (IsInertReference(resource.Template.Template, item, name))
                    {
                        continue;
                    }

                    foreach (var resolved in resource.Template.Resolver.ItemOf(value, i))
                    {
                        if (!resolved.IsAbsent) // an item that is AWS::NoValue is not in the list
                        {
                            Walk(resource, resolved, name, null, true, depth + 1, found, secretParameters);
                        }
                    }
                }

                break;
            case ValueKind.String or ValueKind.Number:
                JudgeKnown(resource, value, name, raw, found, secretParameters);
                break;
            case ValueKind.Unknown:
                JudgeUnknown(resource, value, name, raw, found, secretParameters);
                break;
        }
    }

    /// <summary>
    /// <see cref="JudgeKnown"/> for a scalar written directly under a mapping value, without resolving it first (the
    /// resolver would give one value: the scalar, under the mapping's guard).
    /// </summary>
    private static void JudgeScalar(ResourceContext resource, Resolved mapping, string key, ScalarNode scalar, string name, List<Violation> found, HashSet<string> secretParameters)
    {
        if (MayBeSecret(scalar, name))
        {
            JudgeKnown(resource, Policies.Child(resource, mapping, key).Single(), name, scalar, found, secretParameters);
        }
    }

    /// <summary>
    /// True for a <c>Fn::GetAtt</c>, or a <c>Ref</c> to a resource or a pseudo parameter, under a name that does not look
    /// secret: it resolves to a reference or to an unknown without literal text, in which nothing can be found. (A
    /// <c>Ref</c> to a parameter is resolved: its default may be the secret.)
    /// </summary>
    private static bool IsInertReference(Template template, TemplateNode node, string? name)
    {
        if (!node.TryGetMapping(out var mapping) || !mapping.TryGetIntrinsic(out var function, out var argument)
            || (name is not null && SecretWords.LooksSecret(name)))
        {
            return false;
        }

        return function switch
        {
            "Fn::GetAtt" => true,
            "Ref" => argument.AsScalar() is { } target && !template.Parameters.ContainsKey(target.Text),
            _ => false,
        };
    }

    /// <summary>False when <see cref="JudgeKnown"/> would find nothing in this scalar (so it need not be resolved).</summary>
    private static bool MayBeSecret(ScalarNode scalar, string? name)
    {
        if (scalar.Kind is not (ScalarKind.String or ScalarKind.Number))
        {
            return false;
        }

        return SecretWords.CredentialKind(scalar.Text) is not null || IsLiteralSecret(name, scalar.Text);
    }

    /// <summary>True when a value named as a secret is written out: not empty, not a dynamic reference, not an ARN.</summary>
    private static bool IsLiteralSecret(string? name, string text) =>
        name is not null && SecretWords.LooksSecret(name) && text.Trim().Length > 0
        && !SecretWords.IsSecretReference(text) && !text.StartsWith("arn:", StringComparison.Ordinal);

    private static void JudgeKnown(ResourceContext resource, Resolved value, string? name, TemplateNode? raw, List<Violation> found, HashSet<string> secretParameters)
    {
        var text = value.Text!;
        if (SecretWords.CredentialKind(text) is { } kind)
        {
            found.Add(resource.Fail(value, $"holds {kind} in plain text: remove it from the template, rotate it, and read it from Secrets Manager"));
            return;
        }

        if (!IsLiteralSecret(name, text))
        {
            return;
        }

        if (ParameterOf(resource.Template.Template, raw) is { } parameter)
        {
            // A parameter's default: reported once, at the parameter.
            secretParameters.Add(parameter);
            return;
        }

        found.Add(resource.Fail(value, $"sets {name} to a literal value ({text.Length} characters): use a {{{{resolve:secretsmanager:...}}}} reference or a NoEcho parameter", name));
    }

    private static void JudgeUnknown(ResourceContext resource, Resolved value, string? name, TemplateNode? raw, List<Violation> found, HashSet<string> secretParameters)
    {
        if (value.PartialText is { } partial && SecretWords.CredentialKind(partial) is { } kind)
        {
            found.Add(resource.Fail(value, $"holds {kind} in plain text: remove it from the template, rotate it, and read it from Secrets Manager") with { Proven = true });
            return;
        }

        if (name is null || !SecretWords.LooksSecret(name) || (value.PartialText is { } text && SecretWords.IsSecretReference(text)))
        {
            return;
        }

        var template = resource.Template.Template;
        if (ParameterOf(template, raw) is { } parameterName && template.Parameters[parameterName]?.AsMapping() is { } parameter)
        {
            var type = parameter["Type"]?.AsScalar()?.Text ?? string.Empty;
            if (type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal))
            {
                found.Add(resource.Fail(value, $"reads {name} from a plain String SSM parameter (parameter {parameterName}): keep secrets in Secrets Manager or a SecureString read with {{{{resolve:ssm-secure:...}}}}", name) with { Proven = true });
            }
            else if (parameter["NoEcho"]?.AsScalar()?.Text is not ("true" or "True"))
            {
                found.Add(resource.Fail(value, $"takes {name} from parameter {parameterName}, which is not NoEcho: CloudFormation shows its value in plain text in the console and DescribeStacks", name) with { Proven = true });
            }

            secretParameters.Add(parameterName);
            return;
        }

        found.Add(resource.Unprovable(value, $"sets {name} from a value the template does not show ({Arns.Describe(value)}): check it is a Secrets Manager reference, not a literal", name));
    }

    /// <summary>Parameters that hold a secret and have a default: the default is the secret, in plain text.</summary>
    private static void JudgeParameters(TemplateContext context, HashSet<string> secretParameters, List<Violation> found)
    {
        foreach (var entry in context.Template.Parameters.Entries)
        {
            if (entry.Value.AsMapping() is not { } parameter || parameter["Default"]?.AsScalar() is not { Kind: not ScalarKind.Null } value || value.Text.Trim().Length == 0)
            {
                continue;
            }

            var type = parameter["Type"]?.AsScalar()?.Text ?? string.Empty;
            var noEcho = parameter["NoEcho"]?.AsScalar()?.Text is "true" or "True";
            if (type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal) || SecretWords.IsSecretReference(value.Text))
            {
                continue; // the default names where the value lives, not the value
            }

            if (noEcho || secretParameters.Contains(entry.Key) || SecretWords.LooksSecret(entry.Key))
            {
                found.Add(new Violation
                {
                    Template = context.Template,
                    Path = $"Parameters.{entry.Key}.Default",
                    Location = value.Location,
                    Message = $"parameter {entry.Key} holds a secret and has a default ({value.Text.Length} characters) written in the template: remove the Default (and make it NoEcho) or read it from Secrets Manager",
                    Key = entry.Key,
                });
            }
        }
    }

    /// <summary>Credentials anywhere outside Resources, and literal secret-named entries of Mappings and Outputs.</summary>
    private static void WalkRaw(Template template, TemplateNode node, string path, string? name, int depth, List<Violation> found)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (node.Kind)
        {
            case NodeKind.Mapping:
                var mapping = node.AsMapping()!.Value;
                foreach (ref readonly var entry in mapping.EntrySpan)
                {
                    // In Outputs the secret-looking name is the output's; its literal is under Value.
                    var childName = path.StartsWith("Outputs", StringComparison.Ordinal) ? (entry.Key == "Value" ? name : depth == 0 ? entry.Key : null) : entry.Key;
                    WalkRaw(template, mapping.ValueOf(entry), path + "." + entry.Key, childName, depth + 1, found);
                }

                break;
            case NodeKind.Sequence:
                var items = node.AsSequence()!.Value.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    WalkRaw(template, items[i], $"{path}[{i}]", null, depth + 1, found);
                }

                break;
            case NodeKind.String or NodeKind.Number:
                var scalar = node.AsScalar()!.Value;
                var kind = SecretWords.CredentialKind(scalar.Text);
                var literalSecret = kind is null && !path.StartsWith("Parameters", StringComparison.Ordinal) && !path.StartsWith("Conditions", StringComparison.Ordinal)
                    && IsLiteralSecret(name, scalar.Text);
                if ((kind is not null || literalSecret) && !found.Any(f => f.Resource is null && f.Path == path))
                {
                    found.Add(new Violation
                    {
                        Template = template,
                        Path = path,
                        Location = scalar.Location,
                        Message = kind is not null
                            ? $"holds {kind} in plain text: remove it from the template, rotate it, and read it from Secrets Manager"
                            : $"writes {name} as a literal value ({scalar.Text.Length} characters): read it from Secrets Manager instead",
                        Key = name,
                    });
                }

                break;
        }
    }

    /// <summary>For a <c>{Name, Value}</c> pair (container or build environment entries), the name the value goes by.</summary>
    private static string? NameOfPair(ResourceContext resource, Resolved mapping)
    {
        var node = mapping.Mapping!.Value;
        if (!node.ContainsKey("Value") || !node.ContainsKey("Name"))
        {
            return null;
        }

        // CodeBuild: a Value of type SECRETS_MANAGER or PARAMETER_STORE names the secret, it is not the secret.
        if (Policies.Child(resource, mapping, "Type").Any(t => t.AsString() is "SECRETS_MANAGER" or "PARAMETER_STORE"))
        {
            return null;
        }

        return Policies.Child(resource, mapping, "Name").Select(n => n.AsString()).FirstOrDefault(n => n is not null);
    }

    /// <summary>The parameter a raw value is a direct <c>Ref</c> to, if any.</summary>
    private static string? ParameterOf(Template template, TemplateNode? raw) =>
        raw?.AsMapping() is { } mapping && mapping.TryGetIntrinsic(out var function, out var argument) && function == "Ref"
            && argument.AsScalar() is { } target && template.Parameters.ContainsKey(target.Text)
            ? target.Text
            : null;
}
