using Autoscale.MetricsAdapter.Store;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// The adapter's target watch (the config file's `discovery:` section): reflectors over pods, HPAs and workloads feed the <see cref="MetricStore"/>
/// inventory and the <see cref="ScrapeTargets"/>. One loop wakes on any cache change, recomputes from the snapshots
/// and applies the difference; the inventory is marked synced once every reflector has listed.
/// </summary>
internal sealed class TargetWatch
{
    private readonly MetricStore _store;
    private readonly ScrapeTargets _targets;
    private readonly ILogger _logger;
    private readonly TargetWatchCaches _caches;
    private readonly InventoryApplier _inventory;
    private readonly TargetResolver _resolver;

    /// <param name="asleep">The sleep-mode seam: whether a Ready pod is asleep (vLLM sleep mode); call
    /// <see cref="Refresh"/> when its answer changes.</param>
    public TargetWatch(
        IKubernetes client, MetricStore store, ScrapeTargets targets, MetricCatalog catalog, TargetWatchOptions options,
        TimeProvider time, ILoggerFactory loggers, Func<ObjectKey, bool>? asleep = null)
    {
        _store = store;
        _targets = targets;
        _logger = loggers.CreateLogger<TargetWatch>();
        _caches = new TargetWatchCaches(client, options, time, loggers.CreateLogger("Autoscale.Kubernetes.Watch.Reflector"));
        _inventory = new InventoryApplier(store, asleep);
        _resolver = new TargetResolver(options, catalog);
    }

    public bool HasSynced => _store.InventorySynced;

    /// <summary>Recompute now (e.g. the sleep state of a pod changed).</summary>
    public void Refresh() => _caches.Signal.Notify();

    /// <summary>Runs the reflectors and the apply loop until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reflectors = _caches.RunAsync(cancellationToken);
        try
        {
            await _caches.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                Apply();
                await _caches.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await reflectors.ConfigureAwait(false);
    }

    private void Apply()
    {
        try
        {
            var view = _caches.View();
            _inventory.Apply(view);
            var next = _resolver.Resolve(view, Unresolved);
            var before = _targets.Current;
            _targets.Replace(next);
            if (!before.SetEquals(next))
            {
                TargetWatchLog.TargetsChanged(_logger, next.Count(t => t.Kind == TargetKind.InferenceServer), next.Count(t => t.Kind == TargetKind.GpuExporter));
            }

            if (!_store.InventorySynced)
            {
                _store.MarkInventorySynced();
                TargetWatchLog.Synced(_logger, _inventory.PodCount, _inventory.WorkloadCount, next.Count);
            }
        }
        catch (Exception error)
        {
            TargetWatchLog.ApplyFailed(_logger, error);
        }
    }

    private void Unresolved(V2HorizontalPodAutoscaler hpa) => TargetWatchLog.UnresolvedScaleTarget(
        _logger, hpa.Metadata.NamespaceProperty, hpa.Metadata.Name, hpa.Spec?.ScaleTargetRef?.Kind, hpa.Spec?.ScaleTargetRef?.Name);
}
