namespace Autoscale.Hpa.Spec;

/// <summary>
/// The parts of <c>HorizontalPodAutoscalerSpec</c> the algorithm reads. <paramref name="MinReplicas"/> null means 1,
/// as upstream. <paramref name="Behavior"/> null selects the legacy normalisation path (no API defaulting happens
/// when behavior is absent); pass <see cref="HpaDefaults.SetDefaults_HorizontalPodAutoscalerBehavior"/> output to
/// mirror what the API server stores.
/// </summary>
public sealed record HpaSpec(
    int MaxReplicas,
    IReadOnlyList<MetricSpec> Metrics,
    int? MinReplicas = null,
    HpaBehavior? Behavior = null);
