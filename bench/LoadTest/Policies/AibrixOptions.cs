namespace Autoscale.LoadTest.Policies;

/// <summary>
/// An AIBrix PodAutoscaler (vllm-project/aibrix, v0.8) as its samples and docs set it:
/// <list type="bullet">
/// <item>metric: samples/autoscaling/kpa.yaml and apa.yaml scale a vLLM Deployment on the pod's own
/// <c>kv_cache_usage_perc</c> (metricSourceType pod, port 8000, path metrics) with targetValue 0.5 — read from the
/// pods directly, no Prometheus;</item>
/// <item>windows: <c>observeWindowSeconds</c> 180 (stable) and <c>panicWindowSeconds</c> 60
/// (docs/source/features/autoscaling/metric-based-autoscaling.rst, "Configurable metric windows");</item>
/// <item>annotations' defaults (same page, and pkg/controller/podautoscaler/context/context.go
/// NewBaseScalingContext): max-scale-up-rate 2, max-scale-down-rate 2, scale-up-tolerance 0.1,
/// scale-down-tolerance 0.1, panic-threshold 2.0, scale-up-cooldown-window 0 s, scale-down-cooldown-window
/// 300 s, scale-to-zero false;</item>
/// <item>the controller resyncs every PodAutoscaler every 10 s (podautoscaler_controller.go
/// DefaultResyncInterval).</item>
/// </list>
/// KPA is the default strategy (the first example of the docs and the one that reacts to bursts); APA by config.
/// </summary>
internal sealed record AibrixOptions(
    AibrixStrategy Strategy = AibrixStrategy.Kpa,
    AibrixMetric Metric = AibrixMetric.KvCacheUsage,
    double TargetValue = 0.5,
    double StableWindowSeconds = 180,
    double PanicWindowSeconds = 60,
    double PanicThreshold = 2.0,
    double UpTolerance = 0.1,
    double DownTolerance = 0.1,
    double MaxScaleUpRate = 2,
    double MaxScaleDownRate = 2,
    double ScaleUpCooldownSeconds = 0,
    double ScaleDownCooldownSeconds = 300,
    int MinReplicas = 1,
    double ResyncSeconds = 10);
