using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>Turns what the pipeline delivers into the metrics APIs' answers the HPA library reads.</summary>
internal static class HpaMetricsFactory
{
    public static HpaMetricsSnapshot PodsWaiting(MetricIdentifier metric, MetricSnapshot snapshot) =>
        new(PodsMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>
        {
            [metric] = snapshot.Vllm.Select(s => new PodMetricSample(s.PodName, s.Waiting * 1000L, HpaDriver.At(s.At))).ToList(),
        });

    /// <summary>
    /// What our adapter serves per pod for the Autoscale HPA: queue depth, running requests and KV-cache usage (a
    /// fraction, in milli-units as the API's quantities carry it). Unused metrics are simply not asked for.
    /// </summary>
    public static HpaMetricsSnapshot Vllm(MetricSnapshot snapshot) =>
        new(PodsMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>
        {
            [CommonRecipePolicy.QueueDepth] = snapshot.Vllm.Select(s => new PodMetricSample(s.PodName, s.Waiting * 1000L, HpaDriver.At(s.At))).ToList(),
            [AutoscalePolicy.Running] = snapshot.Vllm.Select(s => new PodMetricSample(s.PodName, s.Running * 1000L, HpaDriver.At(s.At))).ToList(),
            [AutoscalePolicy.KvUsage] = snapshot.Vllm.Select(s => new PodMetricSample(s.PodName, (long)Math.Round(s.KvUsage * 1000), HpaDriver.At(s.At))).ToList(),
        });

    /// <summary>
    /// A Prometheus query summed over pods; KEDA's ignoreNullValues (default true) turns an empty result into 0.
    /// </summary>
    public static HpaMetricsSnapshot ExternalWaitingSum(MetricIdentifier metric, MetricSnapshot snapshot, double now) =>
        new(ExternalMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<ExternalMetricSample>>
        {
            [metric] = [new ExternalMetricSample(snapshot.Vllm.Sum(s => (long)s.Waiting) * 1000L, HpaDriver.At(snapshot.Vllm.Count > 0 ? snapshot.At : now))],
        });

    /// <summary>
    /// A per-pod GPU-utilisation metric as prometheus-adapter serves it (the relabelled DCGM_FI_DEV_GPU_UTIL, an
    /// integer percent, so AverageValue 70 means 70 %). Pods the exporter did not report are missing, as upstream.
    /// </summary>
    public static HpaMetricsSnapshot PodsGpuUtil(MetricIdentifier metric, MetricSnapshot snapshot) =>
        new(PodsMetrics: new Dictionary<MetricIdentifier, IReadOnlyList<PodMetricSample>>
        {
            [metric] = (snapshot.Gpu ?? []).Select(s => new PodMetricSample(s.PodName, s.UtilPercent * 1000L, HpaDriver.At(s.At))).ToList(),
        });

    /// <summary>metrics.k8s.io PodMetrics with metrics-server's 15 s window.</summary>
    public static HpaMetricsSnapshot Cpu(MetricSnapshot snapshot) =>
        new(ResourceMetrics: snapshot.Cpu
            .Select(s => new PodResourceMetrics(s.PodName, HpaDriver.At(s.At), TimeSpan.FromSeconds(15),
                [new ContainerUsage("vllm", new Dictionary<string, long> { ["cpu"] = s.UsageMilli })]))
            .ToList());
}
