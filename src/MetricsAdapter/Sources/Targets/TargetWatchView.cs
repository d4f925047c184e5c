using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>One consistent-enough read of every target-watch cache (each list is one reflector snapshot or a union of them).</summary>
internal sealed record TargetWatchView(
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V2HorizontalPodAutoscaler> Hpas,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Service> Services,
    IReadOnlyList<V1Pod> GpuExporters);
