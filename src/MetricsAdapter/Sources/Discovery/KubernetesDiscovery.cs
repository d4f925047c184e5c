using Autoscale.MetricsAdapter.Store;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Discovery;

/// <summary>
/// The adapter's discovery stage: reflectors over pods, HPAs and workloads feed the <see cref="MetricStore"/>
/// inventory and the <see cref="ScrapeTargets"/>. One loop wakes on any cache change, recomputes from the snapshots
/// and applies the difference; the inventory is marked synced once every reflector has listed.
/// </summary>
internal sealed class KubernetesDiscovery
{
    private readonly MetricStore store;
    private readonly ScrapeTargets targets;
    private readonly ILogger logger;
    private readonly DiscoveryCaches caches;
    private readonly InventoryApplier inventory;
    private readonly TargetResolver resolver;

    /// <param name="asleep">The sleep-mode seam: whether a Ready pod is asleep (vLLM sleep mode); call
    /// <see cref="Refresh"/> when its answer changes.</param>
    public KubernetesDiscovery(
        IKubernetes client, MetricStore store, ScrapeTargets targets, MetricCatalog catalog, DiscoveryOptions options,
        TimeProvider time, ILoggerFactory loggers, Func<ObjectKey, bool>? asleep = null)
    {
        this.store = store;
        this.targets = targets;
        logger = loggers.CreateLogger<KubernetesDiscovery>();
        caches = new DiscoveryCaches(client, options, time, loggers.CreateLogger("Autoscale.Kubernetes.Watch.Reflector"));
        inventory = new InventoryApplier(store, asleep);
        resolver = new TargetResolver(options, catalog);
    }

    public bool HasSynced => store.InventorySynced;

    /// <summary>Recompute now (e.g. the sleep state of a pod changed).</summary>
    public void Refresh() => caches.Signal.Notify();

    /// <summary>Runs the reflectors and the apply loop until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reflectors = caches.RunAsync(cancellationToken);
        try
        {
            await caches.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                Apply();
                await caches.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            var view = caches.View();
            inventory.Apply(view);
            var next = resolver.Resolve(view, Unresolved);
            var before = targets.Current;
            targets.Replace(next);
            if (!before.SetEquals(next))
            {
                DiscoveryLog.TargetsChanged(logger, next.Count(t => t.Kind == TargetKind.InferenceServer), next.Count(t => t.Kind == TargetKind.GpuExporter));
            }

            if (!store.InventorySynced)
            {
                store.MarkInventorySynced();
                DiscoveryLog.Synced(logger, inventory.PodCount, inventory.WorkloadCount, next.Count);
            }
        }
        catch (Exception error)
        {
            DiscoveryLog.ApplyFailed(logger, error);
        }
    }

    private void Unresolved(V2HorizontalPodAutoscaler hpa) => DiscoveryLog.UnresolvedScaleTarget(
        logger, hpa.Metadata.NamespaceProperty, hpa.Metadata.Name, hpa.Spec?.ScaleTargetRef?.Kind, hpa.Spec?.ScaleTargetRef?.Name);
}
