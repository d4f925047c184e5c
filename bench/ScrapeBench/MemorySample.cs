namespace Autoscale.ScrapeBench;

/// <summary>
/// Memory after forced full GCs: live GC heap, memory the GC holds committed (live + free space it keeps for
/// allocation, of which <paramref name="FragmentedBytes"/> lies between live objects), and the process working set
/// (also code, native allocations, thread stacks, mapped files).
/// </summary>
internal sealed record MemorySample(long HeapBytes, long CommittedBytes, long FragmentedBytes, long WorkingSetBytes)
{
    /// <summary>(this − <paramref name="baseline"/>) / <paramref name="pods"/>, in KB.</summary>
    public PerPodKb PerPodKb(MemorySample baseline, int pods) => new(
        (HeapBytes - baseline.HeapBytes) / 1024.0 / pods,
        (CommittedBytes - baseline.CommittedBytes) / 1024.0 / pods,
        (WorkingSetBytes - baseline.WorkingSetBytes) / 1024.0 / pods);
}

internal sealed record PerPodKb(double HeapKb, double CommittedKb, double WorkingSetKb);
