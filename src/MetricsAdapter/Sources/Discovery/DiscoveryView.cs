using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Discovery;

/// <summary>One consistent-enough read of every discovery cache (each list is one reflector snapshot or a union of them).</summary>
internal sealed record DiscoveryView(
    IReadOnlyList<V1Pod> Pods,
    IReadOnlyList<V2HorizontalPodAutoscaler> Hpas,
    IReadOnlyList<V1Deployment> Deployments,
    IReadOnlyList<V1StatefulSet> StatefulSets,
    IReadOnlyList<V1Service> Services,
    IReadOnlyList<V1Pod> GpuExporters);
