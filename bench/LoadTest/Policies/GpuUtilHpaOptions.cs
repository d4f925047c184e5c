namespace Autoscale.LoadTest.Policies;

/// <summary>
/// An HPA on GPU utilisation the way the seed guides wire it: dcgm-exporter → Prometheus → a recording rule that
/// relabels <c>exported_pod</c> to <c>pod</c> (kubernetes/examples AI/vllm-deployment/hpa/prometheus-rule.yaml,
/// <c>dcgm_fi_dev_gpu_util_relabelled</c>) → prometheus-adapter → an HPA with a <c>Pods</c> AverageValue target.
/// Defaults: target 70 % (issue #10's seeds; kubernetes/examples' gpu-horizontal-pod-autoscaler.yaml demo uses 20,
/// settable here); dcgm-exporter collect interval 30 s (<c>-c 30000</c> ms, its default); Prometheus scrapes the
/// exporter every 15 s (the ServiceMonitor interval in kubernetes/examples gpu-service-monitor-generic.yaml and the
/// gpu-operator chart); the recording rule evaluates every 30 s, as in the common recipe. No behavior: the
/// kubernetes/examples HPA sets a 30 s scale-down window, but the seeds do not, so the 300 s default applies.
/// </summary>
internal sealed record GpuUtilHpaOptions(
    int TargetPercent = 70,
    int MinReplicas = 1,
    double CollectSeconds = 30,
    double PrometheusScrapeSeconds = 15,
    double RuleEvalSeconds = 30);
