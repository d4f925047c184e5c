using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using k8s.Models;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// Pure: the scrape targets a <see cref="TargetWatchView"/> implies. Inference servers are the pods HPAs select (when
/// followed) and the extra selectors' pods; GPU exporters are the dcgm-exporter pods. Only pods with an IP that have
/// not finished are targets; whether a pod is capacity is the store's business, not the scraper's.
/// </summary>
internal sealed class TargetResolver(TargetWatchOptions options, MetricCatalog catalog)
{
    private static readonly string[] InferencePortNames = ["metrics", "http"];
    private static readonly string[] ExporterPortNames = ["metrics"];

    // The config reader refuses a selector that does not parse; should one get here anyway it selects nothing (as
    // upstream's nil selector) instead of throwing, which would stop the host.
    private readonly PodSelection[] _extra = [.. options.ExtraSelectors
        .Select(s => LabelSelector.TryParse(s.LabelSelector, out var parsed, out _) ? new PodSelection(s.Namespace, parsed) : null)
        .OfType<PodSelection>()];

    public HashSet<ScrapeTarget> Resolve(TargetWatchView view, Action<V2HorizontalPodAutoscaler>? unresolved = null)
    {
        List<PodSelection> selections = [.. _extra];
        if (options.FollowHpas)
        {
            selections.AddRange(HpaSelections.Of(view, catalog, unresolved));
        }

        var targets = new HashSet<ScrapeTarget>();
        if (selections.Count > 0)
        {
            foreach (var pod in view.Pods)
            {
                var labels = Selectors.Labels(pod.Metadata);
                if (selections.Exists(s => s.Matches(pod.Metadata.NamespaceProperty, labels))
                    && PodEndpoint.Url(pod, InferencePortNames, options.DefaultPort, options.DefaultPath) is { } url)
                {
                    targets.Add(new ScrapeTarget(KeyOf(pod), TargetKind.InferenceServer, url));
                }
            }
        }

        foreach (var pod in view.GpuExporters)
        {
            if (PodEndpoint.Url(pod, ExporterPortNames, options.GpuExporterPort, "/metrics") is { } url)
            {
                targets.Add(new ScrapeTarget(KeyOf(pod), TargetKind.GpuExporter, url));
            }
        }

        return targets;
    }

    private static ObjectKey KeyOf(V1Pod pod) => new(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
}
