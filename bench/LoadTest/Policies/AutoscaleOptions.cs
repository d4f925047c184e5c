namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The Autoscale stack: our MetricsAdapter scrapes vLLM every 2 s and omits loading pods (never zero-fills them),
/// the HPA library syncs every 15 s on <c>vllm_queue_depth</c> AverageValue, and the controller sets the
/// scale-down stabilisation from learned cold starts and keeps a warm pool of placeholder pods.
/// </summary>
internal sealed record AutoscaleOptions(
    long TargetQueueDepthMilli = 5000,
    double ScrapeSeconds = 2,
    int MinReplicas = 1,
    int WarmPoolMin = 1,
    double WarmPoolFraction = 0.1,
    double InitialStabilisationSeconds = 300,
    double StabilisationFloorSeconds = 60,
    double StabilisationCeilingSeconds = 600);
