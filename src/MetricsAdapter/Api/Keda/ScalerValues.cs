using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using Grpc.Core;

namespace Autoscale.MetricsAdapter.Api.Keda;

/// <summary>
/// A trigger's value, read through the same provider the custom metrics API reads (one store snapshot, the same
/// staleness, the same loading and asleep pods left out). A pod metric is the SUM over the selected pods' values, the
/// total that KEDA's default <c>metricType: AverageValue</c> divides by <c>target</c> (desired = ceil(sum / target),
/// exactly what an HPA Pods metric of that per-pod target computes). An object metric (the planner's
/// <c>autoscale_desired_replicas</c>) is the scale target's own value. No fresh value is an error (Unavailable),
/// never 0: KEDA then holds the replicas instead of deactivating on missing data.
/// </summary>
internal sealed class ScalerValues(ICustomMetricsProvider provider, MetricStore store, IServingState state)
{
    public async ValueTask<double> ReadAsync(ScalerMetadata trigger, CancellationToken cancellationToken)
    {
        if (!state.IsReady)
        {
            throw Unavailable("the metrics adapter is not ready yet: discovery has not synced or no source has reported");
        }

        var served = Served(trigger);
        var onPods = served.Any(m => m.Resource == GroupResource.Pods && m.Metric == trigger.Metric);

        var info = new CustomMetricInfo(GroupResource.Pods, true, trigger.Metric);
        try
        {
            if (onPods)
            {
                var selector = trigger.LabelSelector ?? PodsOf(trigger);
                await provider.PrepareAsync(info, trigger.Namespace, LabelSelector.Everything, cancellationToken).ConfigureAwait(false);
                using var list = provider.GetMetricBySelector(trigger.Namespace, selector, info, LabelSelector.Everything);
                var sum = 0.0;
                foreach (var item in list.Items)
                {
                    sum += item.Value;
                }

                return sum;
            }

            if (trigger.LabelSelector is not null)
            {
                throw Invalid($"scalerMetadata.labelSelector does not apply to {trigger.Metric}: it is a value of the scale target itself, not of its pods");
            }

            var target = ScaleTarget.Of(store.Current, trigger.Namespace, trigger.ScaledObject);
            info = new CustomMetricInfo(target.Resource, true, trigger.Metric);
            if (!served.Contains(info))
            {
                throw Invalid($"the metric {trigger.Metric} is served neither for pods nor for {target.Resource}, the kind of the scale target {target.Name}");
            }

            using (var one = provider.GetMetricByName(new ObjectKey(trigger.Namespace, target.Name), info, LabelSelector.Everything))
            {
                return one.Items[0].Value;
            }
        }
        catch (ApiStatusException ex) when (ex.Status.Code == 404)
        {
            // Known metric, no value now: stale, no pod is capacity yet, nothing published.
            var why = state.WhyUnavailable is { } failing && provider.ReadsSource(info)
                ? $"unable to fetch metrics: {failing}"
                : $"no fresh value: {ex.Status.Message}";
            throw Unavailable(why);
        }
        catch (ApiStatusException ex) when (ex.Status.Code == 400)
        {
            throw Invalid(ex.Status.Message);
        }
        catch (ApiStatusException ex)
        {
            throw Unavailable(ex.Status.Message);
        }
    }

    /// <summary>Everything served; NotFound, naming what is, when the trigger's metric is not among it.</summary>
    public IReadOnlyList<CustomMetricInfo> Served(ScalerMetadata trigger)
    {
        var served = provider.ListAllMetrics();
        if (!served.Any(m => m.Metric == trigger.Metric))
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                $"the metric {AdapterApi.Truncate(trigger.Metric)} is not served by this adapter (served: {string.Join(", ", served.Select(m => m.Metric).Distinct().Order(StringComparer.Ordinal))})"));
        }

        return served;
    }

    private LabelSelector PodsOf(ScalerMetadata trigger)
    {
        var target = ScaleTarget.Of(store.Current, trigger.Namespace, trigger.ScaledObject);
        return target.Selector ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
            $"the scale target {target.Resource} {trigger.Namespace}/{target.Name} of ScaledObject {trigger.ScaledObject} has no pod selector the adapter knows " +
            "(it watches Deployments, StatefulSets and Services): set scalerMetadata.labelSelector"));
    }

    private static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
