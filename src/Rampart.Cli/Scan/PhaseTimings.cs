using System.Diagnostics;

namespace Rampart.Cli.Scan;

/// <summary>
/// With RAMPART_TIMINGS=1, one stderr line per phase of a scan: wall milliseconds since the process started
/// and since the previous phase, and the process's CPU milliseconds (all threads) likewise; on a loaded machine
/// the CPU figures are the steadier ones. How the benchmark (bench/) finds where a scan's time goes without a profiler.
/// </summary>
internal sealed class PhaseTimings
{
    private static readonly PhaseTimings Off = new(null);

    private readonly TextWriter? _output;
    private readonly DateTime _processStart;
    private double _previous;
    private double _previousCpu;

    private PhaseTimings(TextWriter? output)
    {
        _output = output;
        if (output is not null)
        {
            using var process = Process.GetCurrentProcess();
            _processStart = process.StartTime.ToUniversalTime();
        }
    }

    public static PhaseTimings FromEnvironment(TextWriter output) =>
        Environment.GetEnvironmentVariable("RAMPART_TIMINGS") == "1" ? new PhaseTimings(output) : Off;

    public void Mark(string phase)
    {
        if (_output is null)
        {
            return;
        }

        var now = (DateTime.UtcNow - _processStart).TotalMilliseconds;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        _output.WriteLine(FormattableString.Invariant(
            $"rampart: timing: {phase,-16} wall {now,7:0.0} ms (+{now - _previous,6:0.0}), cpu {cpu,7:0.0} ms (+{cpu - _previousCpu,6:0.0}), allocated {GC.GetTotalAllocatedBytes() / 1048576.0,6:0.0} MiB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        _previous = now;
        _previousCpu = cpu;
    }
}
