using Autoscale.Kubernetes.Watch;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>What the target watch watches and which pods it scrapes; wired from the configuration file.</summary>
internal sealed record TargetWatchOptions
{
    /// <summary>Namespaces whose pods, HPAs and workloads are watched; empty means all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>
    /// Scrape the pods of every HPA's scale target when the HPA asks for a metric of the catalog. HPAs are watched
    /// either way: they carry the planner's desired replicas (<see cref="DesiredReplicas"/>).
    /// </summary>
    public bool FollowHpas { get; init; } = true;

    /// <summary>Pods scraped in addition to those HPAs select.</summary>
    public IReadOnlyList<ScrapeSelector> ExtraSelectors { get; init; } = [];

    /// <summary>dcgm-exporter pods (any one selector matching is enough), watched in <see cref="GpuExporterNamespace"/>.</summary>
    public IReadOnlyList<string> GpuExporterSelectors { get; init; } = ["app.kubernetes.io/name=dcgm-exporter", "app=nvidia-dcgm-exporter"];

    /// <summary>Where GPU exporters run (often gpu-operator); null means all namespaces.</summary>
    public string? GpuExporterNamespace { get; init; }

    /// <summary>Port and path when a pod has neither annotations nor a <c>metrics</c>/<c>http</c> container port.</summary>
    public int DefaultPort { get; init; } = 8000;

    public string DefaultPath { get; init; } = "/metrics";

    /// <summary>dcgm-exporter's default port.</summary>
    public int GpuExporterPort { get; init; } = 9400;

    /// <summary>Reflector tuning (backoff, page size); null for the defaults.</summary>
    public ReflectorOptions? Reflector { get; init; }
}
