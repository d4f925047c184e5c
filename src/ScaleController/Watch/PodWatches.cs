using System.Collections.Concurrent;
using Autoscale.Kubernetes.Watch;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// One pod reflector per managed workload (its namespace and selector), started when the workload becomes
/// managed and stopped when it is no longer: the controller never lists every pod in the cluster.
/// </summary>
internal sealed class PodWatches(IKubernetes client, ChangeSignal signal, ReflectorOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly UnschedulableTimes _unschedulable = new();
    private readonly ConcurrentDictionary<WatchScope, (Reflector<V1Pod> Reflector, CancellationTokenSource Stop)> _watches = new();
    private CancellationToken _stopping = CancellationToken.None;

    public void Start(CancellationToken stop) => _stopping = stop;

    /// <summary>Watches exactly <paramref name="scopes"/>; true when every one of them has listed.</summary>
    public bool Ensure(IReadOnlyCollection<WatchScope> scopes)
    {
        foreach (var scope in scopes)
        {
            _watches.GetOrAdd(scope, s =>
            {
                var reflector = new Reflector<V1Pod>(ListWatch.Pods(client, s), time, logger, options with { Name = $"pods {s.Namespace} {s.LabelSelector}", Signal = signal });
                reflector.AddHandler(_unschedulable.OnChange);
                var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
                _ = Task.Run(() => reflector.RunAsync(stop.Token), CancellationToken.None);
                return (reflector, stop);
            });
        }

        foreach (var scope in _watches.Keys.Except(scopes))
        {
            if (_watches.TryRemove(scope, out var gone))
            {
                gone.Stop.Cancel();
                gone.Stop.Dispose();
            }
        }

        return scopes.All(s => _watches.TryGetValue(s, out var w) && w.Reflector.HasSynced);
    }

    /// <summary>The scopes whose pods have listed (their reflector has synced).</summary>
    public IReadOnlySet<WatchScope> Listed() => _watches.Where(w => w.Value.Reflector.HasSynced).Select(w => w.Key).ToHashSet();

    /// <summary>Every pod of every watched workload (a pod matched by two selectors appears once).</summary>
    public IReadOnlyList<V1Pod> Pods()
    {
        var seen = new HashSet<(string, string)>();
        var pods = new List<V1Pod>();
        foreach (var (reflector, _) in _watches.Values)
        {
            foreach (var pod in reflector.Current)
            {
                if (seen.Add((pod.Metadata.NamespaceProperty, pod.Metadata.Name)))
                {
                    pods.Add(pod);
                }
            }
        }

        return pods;
    }

    /// <summary>Since when each of these pods (by UID) was unschedulable, for the ones that were.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> UnschedulableSince(IReadOnlyList<V1Pod> pods) => _unschedulable.Retain(pods);

    public void Dispose()
    {
        foreach (var (_, stop) in _watches.Values)
        {
            stop.Cancel();
            stop.Dispose();
        }

        _watches.Clear();
    }
}
