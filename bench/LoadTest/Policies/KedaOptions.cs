namespace Autoscale.LoadTest.Policies;

/// <summary>
/// ScaledObject with a Prometheus trigger on <c>sum(vllm:num_requests_waiting)</c>: threshold 5 (vLLM
/// production-stack helm/templates/scaledobject-vllm.yaml default), metricType AverageValue, pollingInterval 30,
/// cooldownPeriod 300, activationThreshold 0 (keda-docs 2.21 reference/scaledobject-spec.md defaults; the
/// production-stack tutorial sets 15 and 360), Prometheus scraping every 30 s (kube-prometheus-stack default). minReplicaCount defaults to 1 here: KEDA's own default 0 cannot wake up on this query,
/// because no pod reports a queue while there are none (production-stack needed a router keepalive trigger).
/// </summary>
internal sealed record KedaOptions(
    long ThresholdMilli = 5000,
    double PollingIntervalSeconds = 30,
    double CooldownPeriodSeconds = 300,
    long ActivationThresholdMilli = 0,
    int MinReplicaCount = 1,
    double PrometheusScrapeSeconds = 30);
