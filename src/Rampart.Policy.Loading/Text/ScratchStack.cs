using System.Runtime.CompilerServices;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// One growable buffer shared by every open collection of a document: children are pushed as they
/// are read and copied into the document when their collection closes. Saves a list per node.
/// </summary>
internal sealed class ScratchStack<T>
{
    private T[] _items = new T[64];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Push(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    /// <summary>The items pushed since <paramref name="start"/>.</summary>
    public ReadOnlySpan<T> From(int start) => _items.AsSpan(start, Count - start);

    /// <summary>
    /// Removes the items pushed since <paramref name="start"/> and returns them, for their collection to copy: the span
    /// reads this buffer, so it is valid until the next push.
    /// </summary>
    public ReadOnlySpan<T> PopFrom(int start)
    {
        var popped = _items.AsSpan(start, Count - start);
        Count = start;
        return popped;
    }
}
