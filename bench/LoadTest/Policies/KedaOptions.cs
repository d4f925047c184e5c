namespace Autoscale.LoadTest.Policies;

/// <summary>
/// ScaledObject with a Prometheus trigger on <c>sum(vllm:num_requests_waiting)</c> (keda-docs 2.21):
/// threshold 5 (production-stack Helm default), metricType AverageValue, pollingInterval 30, cooldownPeriod 300,
/// activationThreshold 0. minReplicaCount defaults to 1 here: KEDA's own default 0 cannot wake up on this query,
/// because no pod reports a queue while there are none (production-stack needed a router keepalive trigger).
/// </summary>
internal sealed record KedaOptions(
    long ThresholdMilli = 5000,
    double PollingIntervalSeconds = 30,
    double CooldownPeriodSeconds = 300,
    long ActivationThresholdMilli = 0,
    int MinReplicaCount = 1,
    double PrometheusScrapeSeconds = 30);
