using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>One decision's inputs: virtual now, the Deployment's spec replicas, its pods, and the metrics as the pipeline delivers them.</summary>
internal sealed record PolicyInput(double Now, int SpecReplicas, IReadOnlyList<PodView> Pods, MetricSnapshot Metrics);
