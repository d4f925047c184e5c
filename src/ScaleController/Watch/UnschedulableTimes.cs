using System.Collections.Concurrent;
using Autoscale.Kubernetes.Watch;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// Since when each watched pod was PodScheduled=False/Unschedulable, kept after it is scheduled: the condition then
/// says True with a new time, and the wait for a node would be lost. Fed by the pod reflectors' change handlers
/// (every change, not only the ones a round sees), keyed by pod UID, forgotten when the pod is deleted or no
/// longer watched. A controller started after a pod was scheduled does not know its wait: its sample is not split.
/// </summary>
internal sealed class UnschedulableTimes
{
    // Fresh: recorded since the last Retain. A pod's change handler runs just after its reflector's cache is updated,
    // so a Retain that read the pods a moment earlier must not forget it: an entry goes only when absent twice.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, bool Fresh)> _since = new(StringComparer.Ordinal);

    public ValueTask OnChange(ReflectorChange<V1Pod> change, CancellationToken cancellationToken)
    {
        if (change.Object.Metadata?.Uid is not { } uid)
        {
            return ValueTask.CompletedTask;
        }

        if (change.Type == ReflectorChangeType.Deleted)
        {
            _since.TryRemove(uid, out _);
        }
        else if (PodMapper.ToObserved(change.Object).UnschedulableSince is { } time)
        {
            // The first time seen is the start of the wait (a retried pod keeps its condition's transition time).
            _since.AddOrUpdate(uid, (time, true), (_, old) => (old.Since <= time ? old.Since : time, true));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The remembered times of these pods; a pod absent here and at the previous call is forgotten.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Retain(IEnumerable<V1Pod> pods)
    {
        var kept = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata.Uid is { } uid && _since.TryGetValue(uid, out var entry))
            {
                kept[uid] = entry.Since;
            }
        }

        foreach (var (uid, entry) in _since)
        {
            if (kept.ContainsKey(uid))
            {
                continue;
            }

            if (entry.Fresh)
            {
                _since.TryUpdate(uid, (entry.Since, false), entry);
            }
            else
            {
                _since.TryRemove(new KeyValuePair<string, (DateTimeOffset, bool)>(uid, entry));
            }
        }

        return kept;
    }
}
