using System.Runtime.CompilerServices;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// One growable buffer shared by every open collection of a document: children are pushed as they
/// are read and copied out, exactly sized, when their collection closes. Saves a list per node.
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

    /// <summary>Removes and returns the items pushed since <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T[] PopFrom(int start)
    {
        var length = Count - start;
        if (length == 0)
        {
            return [];
        }

        // The popped slots are not cleared: they are overwritten by the next pushes, and whatever they still
        // point at belongs to the tree being built, which outlives this buffer anyway.
        var result = _items.AsSpan(start, length).ToArray();
        Count = start;
        return result;
    }
}
