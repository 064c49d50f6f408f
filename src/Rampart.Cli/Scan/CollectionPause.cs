using System.Runtime;

namespace Rampart.Cli.Scan;

/// <summary>
/// Asks the GC not to collect while a scan loads and evaluates, up to a budget of allocation sized on the inputs (at
/// most <see cref="MaxBudget"/> bytes). Most of what a scan allocates (the template trees, the resolved values every
/// rule shares) lives until the report is written, so a collection during it mostly walks and moves live objects:
/// without the pause a 5,000-resource scan took 240 ms instead of 115 (bench/README.md). Past the budget the GC works
/// as usual, so a larger scan costs time, never unbounded memory. The GC mode is
/// process-wide: when a pause is already on (handlers run in parallel in tests) this one does nothing.
/// </summary>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>The most a pause may cover (about 18,000 resources' worth at 14 KiB each); the memory is reserved, not touched, until used.</summary>
    public const long MaxBudget = 256L * 1024 * 1024;

    /// <summary>Below this the GC's own first budget covers the scan: a pause would only cost its start.</summary>
    public const long MinBudget = 16L * 1024 * 1024;

    /// <summary>What a scan allocates per byte of template, with room to spare (JSON ~30, YAML more).</summary>
    public const long BytesPerInputByte = 48;

    private readonly bool _started;

    private CollectionPause(bool started) => _started = started;

    /// <summary>
    /// A pause sized for inputs of <paramref name="inputBytes"/> bytes (null: not known, e.g. a folder): starting one
    /// collects first and commits its budget, which costs more than a small scan saves.
    /// </summary>
    public static CollectionPause Begin(long? inputBytes)
    {
        var budget = inputBytes is { } bytes ? Math.Min(MaxBudget, bytes * BytesPerInputByte) : MaxBudget;
        if (budget < MinBudget)
        {
            return new CollectionPause(false);
        }

        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion || !GC.TryStartNoGCRegion(budget))
            {
                return new CollectionPause(false);
            }

            // From here every allocation touches new memory: in huge pages if the user asked for them.
            TransparentHugePages.RequestForGcHeap();
            return new CollectionPause(true);
        }
        catch (InvalidOperationException)
        {
            // Another handler started a pause in between: that one is enough.
            return new CollectionPause(false);
        }
    }

    public void Dispose()
    {
        if (!_started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
        {
            // Not ours, or already over: the budget was spent and the GC resumed on its own.
            return;
        }

        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The region ended between the check and the call (budget spent, or a collection was induced).
        }
    }
}
