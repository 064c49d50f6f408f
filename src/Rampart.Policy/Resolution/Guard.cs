using System.Collections.Immutable;

namespace Rampart.Policy.Resolution;

/// <summary>
/// The conditions under which a resolved value holds: a conjunction of template conditions, each
/// true or false (from <c>Fn::If</c> branches and a resource's <c>Condition</c>). Conditions are
/// treated as free variables, so a value is followed down both branches of every <c>Fn::If</c> on its
/// own path only: the cost grows with the branches one property passes through, not with the number of
/// conditions in the template.
/// </summary>
public sealed class Guard : IEquatable<Guard>
{
    private readonly ImmutableSortedDictionary<string, bool> _literals;

    private Guard(ImmutableSortedDictionary<string, bool> literals) => _literals = literals;

    /// <summary>Holds always.</summary>
    public static Guard Always { get; } = new(ImmutableSortedDictionary.Create<string, bool>(StringComparer.Ordinal));

    public bool IsAlways => _literals.IsEmpty;

    public IReadOnlyDictionary<string, bool> Literals => _literals;

    /// <summary>This guard and "<paramref name="condition"/> is <paramref name="value"/>", or null when they contradict.</summary>
    public Guard? And(string condition, bool value)
    {
        if (_literals.TryGetValue(condition, out var existing))
        {
            return existing == value ? this : null;
        }

        return new Guard(_literals.Add(condition, value));
    }

    /// <summary>Both guards at once, or null when they contradict.</summary>
    public Guard? And(Guard other)
    {
        // Nearly every guard is Always: no walk over an empty (or the same) set of conditions.
        if (other.IsAlways || ReferenceEquals(other, this))
        {
            return this;
        }

        if (IsAlways)
        {
            return other;
        }

        var result = this;
        foreach (var (condition, value) in other._literals)
        {
            result = result.And(condition, value);
            if (result is null)
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>"when IsProd is false and UseTls is true", or empty when the guard always holds.</summary>
    public string Describe() =>
        IsAlways ? string.Empty : "when " + string.Join(" and ", _literals.Select(l => $"{l.Key} is {(l.Value ? "true" : "false")}"));

    public bool Equals(Guard? other) =>
        other is not null && other._literals.Count == _literals.Count && _literals.All(l => other._literals.TryGetValue(l.Key, out var v) && v == l.Value);

    public override bool Equals(object? obj) => Equals(obj as Guard);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (condition, value) in _literals)
        {
            hash.Add(condition, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => IsAlways ? "always" : Describe();
}
