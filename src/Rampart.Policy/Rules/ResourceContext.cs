using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    /// <summary>Most alternatives kept after each step of a path (bounded cost, whatever the template).</summary>
    private const int MaxValues = Resolver.MaxAlternatives * 16;

    private readonly Lock _memoLock = new();
    private Resolved? _body; // made on first use, by whichever rule's thread asks first (see Body)

    // The paths asked so far and their values, searched in order. A resource is asked a few dozen paths at most,
    // written as literals in the rules; two dictionaries per resource, grown step by step, were a twentieth of what a
    // scan allocated (5,000 resources: 3 MiB).
    private MemoizedPath[]? _memo; // made on the first path asked: many resources are asked none
    private int _memoCount;

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
    }

    public TemplateContext Template { get; }

    public Resource Resource { get; }

    public string LogicalId => Resource.LogicalId;

    public string Type => Resource.Type;

    /// <summary>The guard of the resource itself (its <c>Condition</c>).</summary>
    public Guard Guard { get; }

    /// <summary>The resource's whole mapping as a resolved value, the root of every path.</summary>
    /// <remarks>
    /// Made on first use rather than with the context: contexts are made on the scan's one thread before the rules
    /// start, the body when a rule's thread first reads the resource. Published once, so that every rule shares the
    /// children remembered under it.
    /// </remarks>
    public Resolved Body
    {
        get
        {
            if (Volatile.Read(ref _body) is { } body)
            {
                return body;
            }

            var fresh = Resolved.OfMapping(Resource.Body, ValuePath.Of(string.Empty), Guard, false);
            return Interlocked.CompareExchange(ref _body, fresh, null) ?? fresh;
        }
    }

    /// <summary>
    /// Every alternative of a property under <c>Properties</c>, e.g. <c>Get("SecurityGroupIngress[*].CidrIp")</c>.
    /// A missing property gives one <see cref="ValueKind.Absent"/> value (so "must be set" rules see it);
    /// <c>[*]</c> over a missing list gives nothing.
    /// </summary>
    public ImmutableArray<Resolved> Get(string path) => Memoized(path, underProperties: true);

    /// <summary>Navigates from a value got earlier (e.g. one list item), so one item's fields stay together.</summary>
    public ImmutableArray<Resolved> Get(Resolved from, string path) => AsArray(Navigate(new Alternatives(from), path));

    /// <summary>The resource's <c>Properties</c> mapping (every alternative; absent when it has none).</summary>
    public ImmutableArray<Resolved> Properties => Memoized("Properties", underProperties: false);

    /// <summary>The first alternative of a property; for rules that only need "is it set to X".</summary>
    public Resolved GetOne(string path) => Get(path).First();

    /// <summary>Every alternative of a path from the resource's root (<c>Metadata.rampart</c>, <c>DeletionPolicy</c>).</summary>
    public ImmutableArray<Resolved> GetFromRoot(string path) => Memoized(path, underProperties: false);

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
    /// The alternatives of <paramref name="path"/> from the resource's root, or from the alternatives of its
    /// <c>Properties</c>, resolved on first use. Resolved values are immutable, so every caller can share them.
    /// Locked: rules of one template run on several threads, and nothing stops a rule from following a reference into a
    /// resource another thread is reading.
    /// </summary>
    private ImmutableArray<Resolved> Memoized(string path, bool underProperties)
    {
        lock (_memoLock)
        {
            for (var i = 0; i < _memoCount; i++)
            {
                ref readonly var memo = ref _memo![i];
                if (memo.UnderProperties == underProperties && string.Equals(memo.Path, path, StringComparison.Ordinal))
                {
                    return memo.Values;
                }
            }

            // Re-entrant for Properties (memoized from the root, under the same lock): the array may grow meanwhile.
            var values = AsArray(Navigate(underProperties ? new Alternatives(ImmutableCollectionsMarshal.AsArray(Properties)!) : new Alternatives(Body), path));
            if (_memo is null)
            {
                _memo = new MemoizedPath[8];
            }
            else if (_memoCount == _memo.Length)
            {
                Array.Resize(ref _memo, _memo.Length * 2);
            }

            _memo[_memoCount++] = new MemoizedPath(path, underProperties, values);
            return values;
        }
    }

    private readonly record struct MemoizedPath(string Path, bool UnderProperties, ImmutableArray<Resolved> Values);

    /// <summary>Navigation's result as an immutable array: the resolver's shared arrays as they are, a single value in a new one.</summary>
    private static ImmutableArray<Resolved> AsArray(Alternatives values) => ImmutableCollectionsMarshal.AsImmutableArray(values.ToArray());

    /// <summary>
    /// Every alternative at <paramref name="path"/> from <paramref name="starts"/>, in order, at most
    /// <see cref="MaxValues"/> after each step. Loops rather than LINQ: rules walk whole resources through here
    /// (secrets in any property, policy statements), and an iterator and a closure per step added up. While there is
    /// one value, a step returns the value's shared children as they are (no copy).
    /// </summary>
    private Alternatives Navigate(Alternatives starts, string path)
    {
        var current = starts;
        foreach (var segment in PropertyPath.Parse(path).Segments)
        {
            if (current.Count == 1 && SharedStep(current[0], segment) is { } shared)
            {
                current = shared;
                continue;
            }

            var next = new List<Resolved>(current.Count);
            for (var i = 0; i < current.Count; i++)
            {
                Step(current[i], segment, next);
                if (next.Count >= MaxValues)
                {
                    next.RemoveRange(MaxValues, next.Count - MaxValues);
                    break;
                }
            }

            current = new Alternatives(next.ToArray());
        }

        return current;
    }

    /// <summary>The children one named or indexed step below a mapping or list, as the resolver shares them; else null.</summary>
    private Alternatives? SharedStep(Resolved value, PropertyPath.Segment segment) =>
        segment switch
        {
            { Name: { } name } when value.Kind == ValueKind.Mapping => Template.Resolver.EntryOf(value, name),
            { Index: { } index } when value.Kind == ValueKind.Sequence && index < value.Sequence!.Value.Items.Count => Template.Resolver.ItemOf(value, index),
            _ => null,
        };

    /// <summary>Adds the alternatives one step below <paramref name="value"/> to <paramref name="into"/>.</summary>
    private void Step(Resolved value, PropertyPath.Segment segment, List<Resolved> into)
    {
        if (segment.Name is { } name)
        {
            var childPath = ValuePath.Child(value, name);
            switch (value.Kind)
            {
                case ValueKind.Mapping:
                    Template.Resolver.EntryOf(value, name).AddTo(into);
                    break;
                case ValueKind.Unknown:
                    into.Add(value.With(childPath, value.Guard));
                    break;
                default:
                    into.Add(Resolved.Absent(childPath, value.Location, value.Guard));
                    break;
            }

            return;
        }

        if (value.Kind == ValueKind.Unknown)
        {
            into.Add(value.With(value.Path + "[*]", value.Guard));
            return;
        }

        if (value.Kind != ValueKind.Sequence)
        {
            return;
        }

        var items = value.Sequence!.Value.Items;
        if (segment.Index is { } index)
        {
            if (index < items.Count)
            {
                Template.Resolver.ItemOf(value, index).AddTo(into);
            }
            else
            {
                into.Add(Resolved.Absent(ValuePath.Item(value, index), value.Location, value.Guard));
            }

            return;
        }

        // Every item; an item that resolves to AWS::NoValue is dropped from the list, as CloudFormation does.
        for (var i = 0; i < items.Count; i++)
        {
            var added = into.Count;
            Template.Resolver.ItemOf(value, i).AddTo(into);
            var kept = added;
            for (var j = added; j < into.Count; j++)
            {
                if (!into[j].IsAbsent)
                {
                    into[kept++] = into[j];
                }
            }

            into.RemoveRange(kept, into.Count - kept);
        }
    }
}
