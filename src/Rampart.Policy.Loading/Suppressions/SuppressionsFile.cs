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
///     finding: port 443            # optional: one finding of the control (its key, shown in reports)
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
    private const string EntryShape = "{id, reason, file?, resource?, finding?, expires?}";
    private static readonly string[] EntryKeys = ["id", "reason", "file", "resource", "finding", "expires"];

    /// <summary>Reads and checks the file; a file that cannot be used at all comes back with <see cref="Error"/> set.</summary>
    /// <param name="path">Where to read the file.</param>
    /// <param name="displayPath">How the file is named in messages and locations; <paramref name="path"/> when null.</param>
    /// <param name="limits">Bounds for hostile input; <see cref="LoadLimits.Default"/> when null.</param>
    public static SuppressionsFile Load(string path, string? displayPath = null, LoadLimits? limits = null)
    {
        limits ??= LoadLimits.Default;
        var display = displayPath ?? path;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(new LoadError(display, 0, 0, "the suppressions file does not exist"));
            }

            if (info.Length > limits.MaxFileBytes)
            {
                return Failed(new LoadError(display, 0, 0, $"the suppressions file is larger than {limits.MaxFileBytes} bytes"));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(new LoadError(display, 0, 0, $"cannot read the suppressions file: {exception.Message}"));
        }

        return Parse(display, bytes, limits);
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
                ? new JsonTemplateReader(path, limits, utf8.Length).Read(utf8)
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

        if (root?.AsMapping() is not { } document)
        {
            return Failed(new LoadError(path, root?.Location.Line ?? 0, root?.Location.Column ?? 0, $"a suppressions file is a mapping with a 'suppressions' list of {EntryShape}"));
        }

        if (document["suppressions"]?.AsSequence() is not { } list)
        {
            var at = document.Entry("suppressions")?.Value.Location ?? document.Location;
            return Failed(new LoadError(path, at.Line, at.Column, $"'suppressions' must be a list of {EntryShape}"));
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
            if (allow.AsScalar() is not { Kind: ScalarKind.Boolean } flag || !bool.TryParse(flag.Text, out allowInline))
            {
                return Failed(new LoadError(path, allow.Location.Line, allow.Location.Column, "allowInlineSuppressions must be true or false"));
            }
        }

        var suppressions = new List<Suppression>();
        foreach (var item in list.Items)
        {
            // A misspelt narrowing field ("resouce") would silently widen the suppression: such an entry is not applied.
            var unknown = item.AsMapping() is { } mapping ? mapping.Entries.Where(e => !EntryKeys.Contains(e.Key)).ToList() : [];
            foreach (var field in unknown)
            {
                problems.Add(new SuppressionProblem(SuppressionProblemKind.Malformed, field.KeyLocation,
                    $"unknown field '{field.Key}' in a suppression, which is ignored; accepted: {string.Join(", ", EntryKeys)}"));
            }

            if (InlineSuppressions.Parse(item, SuppressionSource.File, problems) is { } suppression && unknown.Count == 0)
            {
                suppressions.Add(suppression);
            }
        }

        return new SuppressionsFile(suppressions, problems, allowInline, null);
    }

    private static SuppressionsFile Failed(LoadError error) => new([], [], true, error);
}
