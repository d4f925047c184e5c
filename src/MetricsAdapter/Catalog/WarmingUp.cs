using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>
/// Why a quantile metric (TTFT p95) has no value although the selected pods are capacity: a quantile over the last
/// histogram window needs requests that finished prefill in it, so it is NotFound for a pod's first minute and
/// whenever it served nothing. The NotFound Status keeps upstream's wording and adds this, so the HPA's Event and
/// kubectl say "still warming up" instead of leaving the reader to guess.
/// </summary>
internal static class WarmingUp
{
    public static ApiStatus Explain(ApiStatus notFound, MetricDefinition definition, int capacityPods) =>
        definition.SourceQuantile is { } quantile && capacityPods > 0
            ? notFound with
            {
                Message = $"{notFound.Message}: still warming up: the p{quantile * 100:0} needs requests that finished prefill within the last histogram window, "
                    + $"and none of the {capacityPods} selected Ready pod(s) has had one yet",
            }
            : notFound;

    /// <summary>Selected pods that count as capacity now (the ones a value could come from).</summary>
    public static int CapacityPods(IEnumerable<PodView> pods, LabelSelector selector, Func<PodView, bool> isCapacity) =>
        pods.Count(p => selector.Matches(p.Info.Labels) && isCapacity(p));
}
