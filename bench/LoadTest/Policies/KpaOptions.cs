namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Knative KPA as a Knative user serving an LLM configures it. Knative's own defaults
/// (knative/serving config/core/configmaps/autoscaler.yaml): stable-window 60 s, panic-window-percentage 10
/// (→ 6 s), panic-threshold-percentage 200, max-scale-up-rate 1000, max-scale-down-rate 2, a 2 s decision tick
/// (tick-interval), queue-proxy concurrency scraped every second. What such a user changes, and why:
/// <list type="bullet">
/// <item><see cref="TargetConcurrency"/>: the default target (container-concurrency-target-default 100 × 70 %)
/// is for web handlers; an LLM service sets containerConcurrency to what a replica can run at once and the KPA
/// then targets container-concurrency-target-percentage 70 % of it. Null here means exactly that, derived from
/// the profile by <see cref="KpaSizing"/> (11 for the A10G 8B on the Azure conv shape).</item>
/// <item><see cref="ScaleDownDelaySeconds"/> 600: scale-down-delay (default 0, at most 1 h; Knative docs "Configuring
/// scale bounds": time at reduced concurrency before a scale-down applies, "to avoid a cold start penalty if new
/// requests come in") set to about the p95 cold start of a GPU replica here (node + image + load, 2–8 min
/// observed, reference/llm-autoscalers.md), like the Cluster Autoscaler's 10 min scale-down-unneeded-time.</item>
/// <item><see cref="TerminationGraceSeconds"/> 300: Knative writes the revision's timeoutSeconds into the pod's
/// terminationGracePeriodSeconds (pkg/reconciler/revision/resources/deploy.go BuildPodSpec), and
/// revision-timeout-seconds defaults to 300 (config/core/configmaps/defaults.yaml).</item>
/// </list>
/// </summary>
internal sealed record KpaOptions(
    double StableWindowSeconds = 60,
    double PanicWindowPercentage = 10,
    double PanicThresholdPercentage = 200,
    double? TargetConcurrency = null,
    double MaxScaleUpRate = 1000,
    double MaxScaleDownRate = 2,
    double ScaleDownDelaySeconds = 600,
    int MinScale = 1,
    double TickSeconds = 2,
    double ScrapeSeconds = 1,
    double TerminationGraceSeconds = 300);
