using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// One decision's inputs: virtual now, the Deployment's spec replicas, its pods, the metrics as the pipeline
/// delivers them, and the placeholders currently requested.
/// </summary>
internal sealed record PolicyInput(double Now, int SpecReplicas, IReadOnlyList<PodView> Pods, MetricSnapshot Metrics, int Placeholders);
