using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rampart.Policy.Loading.Text;

/// <summary>
/// A <see cref="StringPool"/> for text still in UTF-8, looked up by its bytes: a repeated key or value
/// ("Type", "Ref", "AWS::EC2::SecurityGroup", a logical ID) costs a byte hash and a byte compare, with no
/// decoding and no UTF-16 hashing. One pool per large document; small documents share their thread's pool
/// (<see cref="For"/>).
/// </summary>
internal sealed class Utf8StringPool
{
    // CDK-shaped JSON holds about one distinct short string per 300 bytes (5,000 resources: 14,000 in 4.2 MB);
    // a table sized for that from the start is never regrown. At most half full, so probes stay short.
    private const int BytesPerExpectedString = 300;
    private const int MinimumSlots = 1024;
    private const int MaximumInitialSlots = 1 << 20;

    // Pooled text is at most StringPool.MaxPooledLength (64) bytes: its length fits in the hash's lowest bits.
    private const int LengthBits = 7;
    private const int LengthMask = (1 << LengthBits) - 1;

    private const int SharedBelowBytes = 256 * 1024;
    private const int MaxSharedStrings = 32 * 1024;

    [ThreadStatic]
    private static Utf8StringPool? _threadPool;

    private readonly UTF8Encoding _decoder;
    private Entry[] _entries;
    private int _count;

    // The bytes of every pooled string, end to end: one buffer instead of an array per string.
    private byte[] _bytes;
    private int _bytesUsed;

    /// <param name="decoder">Decodes text the pool has not seen; a strict one throws on invalid UTF-8.</param>
    /// <param name="documentLength">The length of the document in bytes, to size the table once.</param>
    public Utf8StringPool(UTF8Encoding decoder, int documentLength = 0)
    {
        _decoder = decoder;
        var expected = Math.Clamp(documentLength / BytesPerExpectedString, MinimumSlots / 2, MaximumInitialSlots / 2);
        _entries = new Entry[(int)BitOperations.RoundUpToPowerOf2((uint)expected * 2)];
        _bytes = new byte[Math.Max(4096, expected * 16)];
    }

    /// <summary>
    /// A pool for a document of <paramref name="documentLength"/> bytes. A small document (a stack of a monorepo's
    /// folder) uses its thread's pool, kept from the documents read before on that thread: their keys, types and
    /// names repeat from file to file, and a table of its own was a third of what a 20-resource template allocated
    /// (1,000 of them: 107 -> 69 MiB loaded). A thread reads one document at a time, so a pool is never used by two
    /// at once. A large document gets a pool sized for it.
    /// </summary>
    public static Utf8StringPool For(UTF8Encoding decoder, int documentLength)
    {
        if (documentLength >= SharedBelowBytes)
        {
            return new Utf8StringPool(decoder, documentLength);
        }

        // Renewed once it holds many strings, so that a long-lived thread does not keep every text it ever read.
        if (_threadPool is null || _threadPool._decoder != decoder || _threadPool._count > MaxSharedStrings)
        {
            _threadPool = new Utf8StringPool(decoder);
        }

        return _threadPool;
    }

    /// <summary>The string of <paramref name="utf8"/> (at most <see cref="StringPool.MaxPooledLength"/> bytes), one instance per distinct text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        Debug.Assert(utf8.Length <= LengthMask, "only short text is pooled");
        var hashAndLength = (hash & ~LengthMask) | utf8.Length;
        var mask = _entries.Length - 1;
        var slot = SlotOf(hashAndLength, mask);
        while (true)
        {
            ref var entry = ref _entries[slot];
            if (entry.Text is null)
            {
                break;
            }

            if (entry.HashAndLength == hashAndLength && utf8.SequenceEqual(_bytes.AsSpan(entry.Offset, utf8.Length)))
            {
                return entry.Text;
            }

            slot = (slot + 1) & mask;
        }

        // New text: decode (validating) before it is remembered, so only valid text is ever pooled.
        var text = _decoder.GetString(utf8);
        if (_bytesUsed + utf8.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + utf8.Length));
        }

        utf8.CopyTo(_bytes.AsSpan(_bytesUsed));
        _entries[slot] = new Entry { HashAndLength = hashAndLength, Offset = _bytesUsed, Text = text };
        _bytesUsed += utf8.Length;
        if (++_count * 2 > _entries.Length)
        {
            Grow();
        }

        return text;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Text is null)
            {
                continue;
            }

            var slot = SlotOf(entry.HashAndLength, mask);
            while (_entries[slot].Text is not null)
            {
                slot = (slot + 1) & mask;
            }

            _entries[slot] = entry;
        }
    }

    private static int SlotOf(int hashAndLength, int mask) => (int)((uint)hashAndLength >> LengthBits) & mask;

    /// <summary>A multiply-rotate hash over 8-byte words: short keys, no need for resistance to chosen collisions (one file, linear probing bounded by its size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)utf8.Length * Multiplier;
        while (utf8.Length >= 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Multiplier, 29);
            utf8 = utf8[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            tail |= (ulong)utf8[i] << (8 * i);
        }

        hash = (hash ^ tail) * Multiplier;
        return (int)(hash >> 33);
    }

    /// <summary>16 bytes, so that the table stays small enough for the processor's cache: its misses were most of a lookup's time.</summary>
    private struct Entry
    {
        /// <summary>The hash's upper bits and, in the lower <see cref="LengthBits"/>, the length in bytes.</summary>
        public int HashAndLength;
        public int Offset;
        public string? Text;
    }
}
