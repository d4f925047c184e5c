namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Knative KPA knobs with the defaults of knative/serving config/core/configmaps/autoscaler.yaml: stable-window
/// 60 s (AIBrix uses 180 s), panic-window-percentage 10 (→ 6 s), panic-threshold-percentage 200,
/// container-concurrency-target-default 100 × target-percentage 70 → 70 in-flight per pod, max-scale-up-rate
/// 1000, max-scale-down-rate 2, scale-down-delay 0, 2 s decision tick, queue-proxy stats scraped every second.
/// </summary>
internal sealed record KpaOptions(
    double StableWindowSeconds = 60,
    double PanicWindowPercentage = 10,
    double PanicThresholdPercentage = 200,
    double TargetConcurrency = 70,
    double MaxScaleUpRate = 1000,
    double MaxScaleDownRate = 2,
    double ScaleDownDelaySeconds = 0,
    int MinScale = 1,
    double TickSeconds = 2,
    double ScrapeSeconds = 1);
