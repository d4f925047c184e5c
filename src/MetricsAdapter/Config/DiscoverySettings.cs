namespace Autoscale.MetricsAdapter.Config;

/// <summary>Which pods are scraped (config section <c>discovery</c>); the discovery stage reads it.</summary>
/// <param name="FollowHorizontalPodAutoscalers">Scrape the pods of every HPA scale target that asks for a catalog metric.</param>
/// <param name="Pods">Extra inference-server pods to scrape.</param>
/// <param name="Dcgm">Where the dcgm-exporter pods are; null: no GPU metrics.</param>
/// <param name="PortAnnotation">Pod annotation naming the metrics port.</param>
/// <param name="PathAnnotation">Pod annotation naming the metrics path.</param>
/// <param name="DefaultPath">Path when the annotation is absent.</param>
internal sealed record DiscoverySettings(
    bool FollowHorizontalPodAutoscalers,
    IReadOnlyList<PodSelectorSettings> Pods,
    PodSelectorSettings? Dcgm,
    string PortAnnotation,
    string PathAnnotation,
    string DefaultPath)
{
    public static DiscoverySettings Default { get; } = new(
        true, [], new PodSelectorSettings("", "app=nvidia-dcgm-exporter"), "prometheus.io/port", "prometheus.io/path", "/metrics");
}
