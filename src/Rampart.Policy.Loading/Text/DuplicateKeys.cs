using System.Runtime.CompilerServices;
using Rampart.Policy.Model;

namespace Rampart.Policy.Loading.Text;

/// <summary>Finds a repeated key in an open mapping: a scan while it is small, a set once it grows.</summary>
internal static class DuplicateKeys
{
    private const int LinearScanLimit = 8;

    /// <summary>True when <paramref name="key"/> is already among <paramref name="existing"/>; otherwise records it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsDuplicate(ReadOnlySpan<EntryRecord> existing, ref HashSet<string>? index, string key)
    {
        if (index is null)
        {
            if (existing.Length < LinearScanLimit)
            {
                foreach (ref readonly var entry in existing)
                {
                    if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            index = new HashSet<string>(existing.Length * 2, StringComparer.Ordinal);
            foreach (ref readonly var entry in existing)
            {
                index.Add(entry.Key);
            }
        }

        return !index.Add(key);
    }
}
