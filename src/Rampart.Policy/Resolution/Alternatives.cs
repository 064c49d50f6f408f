using System.Collections;

namespace Rampart.Policy.Resolution;

/// <summary>
/// The alternatives of one child value: nearly always one, held without an array (a scan reads over 100,000
/// children at 5,000 resources, and a one-element array each was a sixth of what evaluation allocated), else the
/// resolver's shared array, never changed after it is made. Loop over it with <c>foreach</c> or the indexer; LINQ
/// works too, at the cost of boxing it.
/// </summary>
internal readonly struct Alternatives : IReadOnlyList<Resolved>
{
    private readonly object? _items; // a Resolved, or a Resolved[] of any length; null for none

    public Alternatives(Resolved one) => _items = one;

    public Alternatives(Resolved[] several) => _items = several;

    /// <summary>What <see cref="Resolved.RememberChild"/> keeps: a <see cref="Resolved"/> or a <see cref="Resolved"/> array.</summary>
    internal object? Kept => _items;

    public int Count => _items switch
    {
        null => 0,
        Resolved => 1,
        _ => ((Resolved[])_items).Length,
    };

    public Resolved this[int index] => _items is Resolved one && index == 0 ? one
        : _items is Resolved[] several ? several[index]
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Kept children back as alternatives (see <see cref="Kept"/>).</summary>
    internal static Alternatives FromKept(object kept) => kept is Resolved one ? new(one) : new((Resolved[])kept);

    /// <summary>The one alternative; throws when there are none or several (as <see cref="Enumerable.Single{T}(IEnumerable{T})"/>).</summary>
    public Resolved Single() => _items is Resolved one ? one
        : _items is Resolved[] { Length: 1 } several ? several[0]
        : throw new InvalidOperationException($"{Count} alternatives where one was expected");

    /// <summary>As an array: the shared array when there is one, else a new array.</summary>
    public Resolved[] ToArray() => _items switch
    {
        null => [],
        Resolved one => [one],
        _ => (Resolved[])_items,
    };

    /// <summary>Adds every alternative to <paramref name="list"/>.</summary>
    public void AddTo(List<Resolved> list)
    {
        if (_items is Resolved one)
        {
            list.Add(one);
        }
        else if (_items is Resolved[] several)
        {
            list.AddRange(several);
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Resolved> IEnumerable<Resolved>.GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<Resolved>)this).GetEnumerator();

    /// <summary>Walks the alternatives without allocating.</summary>
    public struct Enumerator(Alternatives alternatives)
    {
        private readonly Alternatives _alternatives = alternatives;
        private readonly int _count = alternatives.Count;
        private int _index = -1;

        public readonly Resolved Current => _alternatives[_index];

        public bool MoveNext() => ++_index < _count;
    }
}
