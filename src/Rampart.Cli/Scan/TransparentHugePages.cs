using System.Globalization;
using System.Runtime.InteropServices;

namespace Rampart.Cli.Scan;

/// <summary>
/// On Linux, with <c>RAMPART_HUGE_PAGES=1</c>, asks the kernel to back the GC heap with transparent huge pages
/// (<c>madvise(MADV_HUGEPAGE)</c>, as the JVM's <c>-XX:+UseTransparentHugePages</c> does). During a
/// <see cref="CollectionPause"/> every allocation lands on memory never touched before. Opt-in, because it depends on
/// the machine (measured in a VM with a memory balloon, 5,000 resources): where memory is already backed, 2 MiB pages
/// took a quarter off the scan (105 -> 77 ms); where the host has just taken freed memory back, they made it slower
/// (105 -> 190 ms), each huge page being faulted in whole. Best effort: nothing happens elsewhere or on failure.
/// </summary>
internal static class TransparentHugePages
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, linux/mman.h

    public static void RequestForGcHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("RAMPART_HUGE_PAGES") != "1")
        {
            return;
        }

        try
        {
            // An object just allocated lies in the GC's reserved range; the pages around it that belong to no file are that range.
            var handle = GCHandle.Alloc(new byte[64], GCHandleType.Pinned);
            ulong address;
            try
            {
                address = (ulong)handle.AddrOfPinnedObject();
            }
            finally
            {
                handle.Free();
            }

            if (AnonymousRangeAround(address, File.ReadAllLines("/proc/self/maps")) is var (start, end) && end > start)
            {
                _ = Madvise((nint)start, (nuint)(end - start), MadviseHugePage);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException or FormatException)
        {
            // Huge pages are an optimisation: without them the scan is the same, only slower.
        }
    }

    /// <summary>
    /// The span of adjacent anonymous mappings (no file, no <c>[heap]</c>/<c>[stack]</c>) of <c>/proc/self/maps</c> that
    /// holds <paramref name="address"/>; null when the address is in no anonymous mapping.
    /// </summary>
    internal static (ulong Start, ulong End)? AnonymousRangeAround(ulong address, IReadOnlyList<string> maps)
    {
        var mappings = maps.Select(Parse).ToList();
        var index = mappings.FindIndex(m => m.Anonymous && m.Start <= address && address < m.End);
        if (index < 0)
        {
            return null;
        }

        var first = index;
        while (first > 0 && mappings[first - 1].Anonymous && mappings[first - 1].End == mappings[first].Start)
        {
            first--;
        }

        var last = index;
        while (last + 1 < mappings.Count && mappings[last + 1].Anonymous && mappings[last + 1].Start == mappings[last].End)
        {
            last++;
        }

        return (mappings[first].Start, mappings[last].End);
    }

    /// <summary>One line: <c>7f45c2801000-7f5184e0c000 rw-p 00000000 00:00 0   [pathname]</c>.</summary>
    private static (ulong Start, ulong End, bool Anonymous) Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var range = fields[0].Split('-');
        return (ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            fields.Length < 6 || string.IsNullOrWhiteSpace(fields[5]));
    }

#pragma warning disable SYSLIB1054 // DllImport, not LibraryImport: the source generator needs unsafe code for this one call.
    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054
}
