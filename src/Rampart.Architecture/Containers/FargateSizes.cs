namespace Rampart.Architecture.Containers;

/// <summary>The task sizes Fargate accepts for Linux tasks: each CPU value allows a range of memory in fixed steps.</summary>
public static class FargateSizes
{
    private static readonly (int Cpu, int MinimumMiB, int MaximumMiB, int StepMiB)[] Ranges =
    [
        (512, 1024, 4096, 1024),
        (1024, 2048, 8192, 1024),
        (2048, 4096, 16384, 1024),
        (4096, 8192, 30720, 1024),
        (8192, 16384, 61440, 4096),
        (16384, 32768, 122880, 8192),
    ];

    /// <summary>True when Fargate runs a task with this CPU and memory.</summary>
    public static bool IsValid(int cpu, int memoryMiB)
    {
        // 256 CPU is the one size whose memory is not a regular range: 512, 1024 or 2048 MiB.
        if (cpu == 256)
        {
            return memoryMiB is 512 or 1024 or 2048;
        }

        foreach (var (rangeCpu, minimum, maximum, step) in Ranges)
        {
            if (rangeCpu == cpu)
            {
                return memoryMiB >= minimum && memoryMiB <= maximum && (memoryMiB - minimum) % step == 0;
            }
        }

        return false;
    }

    /// <summary>The accepted pairs, for error messages.</summary>
    public static string Describe() =>
        "CPU 256 with 512, 1024 or 2048 MiB; "
        + string.Join("; ", Ranges.Select(r => $"CPU {r.Cpu} with {r.MinimumMiB}-{r.MaximumMiB} MiB in steps of {r.StepMiB}"));
}
