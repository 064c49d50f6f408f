using System.Text;
using Rampart.Policy.Loading.Json;
using Rampart.Policy.Loading.Text;
using Rampart.Policy.Loading.Yaml;
using Rampart.Policy.Model;
using Rampart.Policy.Suppressions;

namespace Rampart.Policy.Loading.Suppressions;

/// <summary>
/// The central suppressions file that security reviewers keep (YAML or JSON):
/// <code>
/// allowInlineSuppressions: false   # optional, default true
/// suppressions:
///   - id: NET-07
///     file: templates/edge/*.yaml  # optional: exact path or glob (* within a folder, ** across)
///     resource: WebSg              # optional: logical ID
///     finding: "443"               # optional: one finding of the control
///     reason: "Public HTTPS listener; reviewed in SEC-1234"
///     expires: 2027-06-30          # optional
/// </code>
/// </summary>
public sealed record SuppressionsFile(
    IReadOnlyList<Suppression> Suppressions,
    IReadOnlyList<SuppressionProblem> Problems,
    bool AllowInline,
    LoadError? Error)
{
    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal) { "allowInlineSuppressions", "suppressions", "$schema" };
    private static readonly HashSet<string> EntryKeys = new(StringComparer.Ordinal) { "id", "reason", "finding", "expires", "file", "resource" };

    /// <summary>Reads and checks the file; a file that cannot be used at all comes back with <see cref="Error"/> set.</summary>
    public static SuppressionsFile Load(string path, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(new LoadError(path, 0, 0, "the suppressions file does not exist"));
            }

            if (info.Length > limits.MaxFileBytes)
            {
                return Failed(new LoadError(path, 0, 0, $"the suppressions file is larger than {limits.MaxFileBytes} bytes"));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(new LoadError(path, 0, 0, $"cannot read the suppressions file: {exception.Message}"));
        }

        return Parse(path, bytes, limits);
    }

    /// <summary>Parses the file's bytes (for tests and for callers that already hold them).</summary>
    public static SuppressionsFile Parse(string path, ReadOnlySpan<byte> utf8, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        TemplateNode? root;
        try
        {
            var start = utf8.IndexOfAnyExcept(" \t\r\n"u8);
            var content = start >= 0 && utf8[start] == (byte)'{'
                ? new JsonTemplateReader(path, limits).Read(utf8)
                : new YamlTemplateReader(path, limits).Read(Encoding.UTF8.GetString(utf8));
            if (content.DeferredError is { } deferred)
            {
                return Failed(new LoadError(path, deferred.Line, deferred.Column, deferred.Message));
            }

            root = content.Root;
        }
        catch (LoadFailure failure)
        {
            return Failed(new LoadError(path, failure.Line, failure.Column, failure.Message));
        }

        if (root is not MappingNode document || document["suppressions"] is not SequenceNode list)
        {
            return Failed(new LoadError(path, root?.Location.Line ?? 0, root?.Location.Column ?? 0,
                "a suppressions file is a mapping with a 'suppressions' list of {id, reason, file?, resource?, finding?, expires?}"));
        }

        var problems = new List<SuppressionProblem>();
        foreach (var entry in document.Entries.Where(e => !TopLevelKeys.Contains(e.Key)))
        {
            problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, entry.KeyLocation,
                $"unknown field '{entry.Key}'; accepted: allowInlineSuppressions, suppressions"));
        }

        var allowInline = true;
        if (document["allowInlineSuppressions"] is { } allow)
        {
            if (allow is ScalarNode { Kind: ScalarKind.Boolean } flag)
            {
                allowInline = bool.Parse(flag.Text);
            }
            else
            {
                return Failed(new LoadError(path, allow.Location.Line, allow.Location.Column, "allowInlineSuppressions must be true or false"));
            }
        }

        var suppressions = new List<Suppression>();
        foreach (var item in list.Items)
        {
            if (item is MappingNode mapping)
            {
                foreach (var unknown in mapping.Entries.Where(e => !EntryKeys.Contains(e.Key)))
                {
                    problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, unknown.KeyLocation,
                        $"unknown field '{unknown.Key}' in a suppression; accepted: {string.Join(", ", EntryKeys)}"));
                }
            }

            if (InlineSuppressions.Parse(item, SuppressionSource.File, problems) is { } suppression)
            {
                suppressions.Add(suppression);
            }
        }

        return new SuppressionsFile(suppressions, problems, allowInline, null);
    }

    private static SuppressionsFile Failed(LoadError error) => new([], [], true, error);
}
