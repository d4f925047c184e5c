namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Shares the global GPU budget one placeholder at a time, round-robin in config order, so that no workload
/// starves another and the result depends only on the inputs.
/// </summary>
internal static class GpuBudgetAllocator
{
    public static int[] Allocate(IReadOnlyList<PoolTarget> targets, int maxGpus)
    {
        var granted = new int[targets.Count];
        var remaining = maxGpus;
        var progress = true;
        while (progress)
        {
            progress = false;
            for (var i = 0; i < targets.Count; i++)
            {
                var t = targets[i];
                if (granted[i] < t.Wanted && t.GpusPerPlaceholder <= remaining)
                {
                    granted[i]++;
                    remaining -= t.GpusPerPlaceholder;
                    progress = true;
                }
            }
        }

        return granted;
    }
}
