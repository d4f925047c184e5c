using System.Collections.Frozen;

namespace Autoscale.MetricsAdapter.Sources;

/// <summary>
/// The current set of scrape targets: discovery replaces it, the scrape loop reconciles its per-target loops with it
/// and waits for the next change. Immutable sets, swapped atomically.
/// </summary>
internal sealed class ScrapeTargets
{
    private FrozenSet<ScrapeTarget> _current = FrozenSet<ScrapeTarget>.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FrozenSet<ScrapeTarget> Current => Volatile.Read(ref _current);

    /// <summary>Completes at the next change after it was read.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Replace(IEnumerable<ScrapeTarget> targets)
    {
        var next = targets.ToFrozenSet();
        if (next.SetEquals(Current))
        {
            return;
        }

        Volatile.Write(ref _current, next);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
