using System.Globalization;
using Rampart.Policy.Model;
using Rampart.Policy.Resolution;

namespace Rampart.Policy.Rules;

/// <summary>
/// One resource as a rule sees it: resolved property values (every alternative, with its guard and
/// position) and helpers that turn what the rule finds into <see cref="Violation"/>s.
/// </summary>
public sealed class ResourceContext
{
    // Rules read the same properties of the same resources again and again (every rule of a type, and joins such as
    // "the routes of this subnet's table" for every database): a path from the resource's root is resolved once.
    private readonly Dictionary<string, Resolved[]> _underProperties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resolved[]> _underRoot = new(StringComparer.Ordinal);

    internal ResourceContext(TemplateContext template, Resource resource)
    {
        Template = template;
        Resource = resource;
        var guard = Guard.Always;
        if (resource.Condition is { } condition && template.Resolver.ConstantCondition(condition) is null)
        {
            guard = guard.And(condition, true)!;
        }

        Guard = guard;
        Body = Resolved.OfMapping(resource.Body, string.Empty, guard, false);
    }

    public TemplateContext Template { get; }

    public Resource Resource { get; }

    public string LogicalId => Resource.LogicalId;

    public string Type => Resource.Type;

    /// <summary>The guard of the resource itself (its <c>Condition</c>).</summary>
    public Guard Guard { get; }

    /// <summary>The resource's whole mapping as a resolved value, the root of every path.</summary>
    public Resolved Body { get; }

    /// <summary>
    /// Every alternative of a property under <c>Properties</c>, e.g. <c>Get("SecurityGroupIngress[*].CidrIp")</c>.
    /// A missing property gives one <see cref="ValueKind.Absent"/> value (so "must be set" rules see it);
    /// <c>[*]</c> over a missing list gives nothing.
    /// </summary>
    public IEnumerable<Resolved> Get(string path) => Memoized(_underProperties, path, "Properties.");

    /// <summary>Navigates from a value got earlier (e.g. one list item), so one item's fields stay together.</summary>
    public IEnumerable<Resolved> Get(Resolved from, string path) => Navigate(from, path);

    /// <summary>The resource's <c>Properties</c> mapping (every alternative; absent when it has none).</summary>
    public IEnumerable<Resolved> Properties => Memoized(_underRoot, "Properties", string.Empty);

    /// <summary>The first alternative of a property; for rules that only need "is it set to X".</summary>
    public Resolved GetOne(string path) => Get(path).First();

    /// <summary>Every alternative of a path from the resource's root (<c>Metadata.rampart</c>, <c>DeletionPolicy</c>).</summary>
    public IEnumerable<Resolved> GetFromRoot(string path) => Memoized(_underRoot, path, string.Empty);

    /// <summary>The resource a <c>Ref</c> / <c>Fn::GetAtt</c> value points to, in the same template.</summary>
    public ResourceContext? Follow(Resolved reference) => Template.Follow(reference);

    /// <summary>A proven violation at a value (or unprovable when the value is unknown).</summary>
    public Violation Fail(Resolved at, string message, string? key = null) => new()
    {
        Template = Resource.Template,
        Resource = Resource,
        Path = at.Path,
        Location = at.Location,
        Message = message,
        Proven = !at.IsUnknown,
        Guard = at.Guard,
        Key = key,
    };

    /// <summary>A violation of the resource as a whole (something it lacks).</summary>
    public Violation Fail(string message, string? key = null) => new()
    {
        Template = Resource.Template,
        Resource = Resource,
        Location = Resource.Location,
        Message = message,
        Guard = Guard,
        Key = key,
    };

    /// <summary>A value the rule needed but could not resolve: reported as not proven.</summary>
    public Violation Unprovable(Resolved at, string message, string? key = null) => Fail(at, message, key) with { Proven = false };

    /// <summary>
    /// The alternatives of <paramref name="prefix"/> + <paramref name="path"/> from the resource's root, resolved on first
    /// use. Resolved values are immutable, so every caller can share them. Locked: templates are evaluated in parallel,
    /// and nothing stops a rule from following a reference into a resource another thread is reading.
    /// </summary>
    private Resolved[] Memoized(Dictionary<string, Resolved[]> cache, string path, string prefix)
    {
        lock (cache)
        {
            if (!cache.TryGetValue(path, out var values))
            {
                values = [.. Navigate(Body, prefix + path)];
                cache[path] = values;
            }

            return values;
        }
    }

    private IEnumerable<Resolved> Navigate(Resolved start, string path)
    {
        IEnumerable<Resolved> current = [start];
        foreach (var segment in PropertyPath.Parse(path).Segments)
        {
            var step = segment;
            current = current.SelectMany(value => Step(value, step)).Take(Resolver.MaxAlternatives * 16);
        }

        return current;
    }

    private IEnumerable<Resolved> Step(Resolved value, PropertyPath.Segment segment)
    {
        if (segment.Name is { } name)
        {
            var childPath = value.Path.Length == 0 ? name : value.Path + "." + name;
            return value.Kind switch
            {
                ValueKind.Mapping => Template.Resolver.Resolve(value.Mapping![name], childPath, value.Guard, value.Location),
                ValueKind.Unknown => [value.With(childPath, value.Guard)],
                _ => [Resolved.Absent(childPath, value.Location, value.Guard)],
            };
        }

        if (value.Kind == ValueKind.Unknown)
        {
            return [value.With(value.Path + "[*]", value.Guard)];
        }

        if (value.Kind != ValueKind.Sequence)
        {
            return [];
        }

        var items = value.Sequence!.Items;
        if (segment.Index is { } index)
        {
            return index < items.Count
                ? Template.Resolver.Resolve(items[index], ItemPath(value.Path, index), value.Guard, value.Location)
                : [Resolved.Absent(ItemPath(value.Path, index), value.Location, value.Guard)];
        }

        // Every item; an item that resolves to AWS::NoValue is dropped from the list, as CloudFormation does.
        return items.SelectMany((item, i) => Template.Resolver.Resolve(item, ItemPath(value.Path, i), value.Guard, value.Location))
            .Where(item => !item.IsAbsent);
    }

    private static string ItemPath(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
