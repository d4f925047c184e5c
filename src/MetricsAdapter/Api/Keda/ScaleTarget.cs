using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using Grpc.Core;

namespace Autoscale.MetricsAdapter.Api.Keda;

/// <summary>
/// A ScaledObject's scale target, found the way the HPA finds it: KEDA makes one HPA per ScaledObject, named
/// <c>keda-hpa-{name}</c>, whose <c>scaleTargetRef</c> is the ScaledObject's; discovery watches every HPA and the store
/// keeps, per scaled object, the HPA that scales it. The pods are then the workload's selector (what the HPA counts).
/// </summary>
/// <param name="Selector">The workload's pod selector; null when the kind is not one discovery watches.</param>
internal sealed record ScaleTarget(GroupResource Resource, string Name, LabelSelector? Selector)
{
    /// <summary>KEDA's default HPA name (<c>spec.advanced.horizontalPodAutoscalerConfig.name</c> overrides it).</summary>
    public static string HpaName(string scaledObject) => "keda-hpa-" + scaledObject;

    public static ScaleTarget Of(MetricSnapshot snapshot, string ns, string scaledObject)
    {
        var hpa = HpaName(scaledObject);
        if (snapshot.Namespace(ns) is { } view)
        {
            foreach (var value in view.ObjectValues.Values)
            {
                if (string.Equals(value.ScaledBy, hpa, StringComparison.Ordinal))
                {
                    var workload = Array.Find(view.WorkloadsOf(value.Resource), w => string.Equals(w.Info.Name, value.Object.Name, StringComparison.Ordinal));
                    return new ScaleTarget(value.Resource, value.Object.Name, workload?.Info.PodSelector);
                }
            }
        }

        throw new RpcException(new Status(StatusCode.FailedPrecondition,
            $"cannot find the scale target of ScaledObject {ns}/{AdapterApi.Truncate(scaledObject)}: no HorizontalPodAutoscaler {ns}/{AdapterApi.Truncate(hpa)} " +
            "(KEDA makes it once the ScaledObject is ready; with a custom HPA name set scalerMetadata.labelSelector)"));
    }
}
