namespace Autoscale.LoadTest.Policies;

/// <summary>The vLLM gauges a PodAutoscaler <c>metricsSources[].targetMetric</c> can name here.</summary>
internal enum AibrixMetric
{
    /// <summary><c>kv_cache_usage_perc</c> (formerly gpu_cache_usage_perc), a fraction 0–1.</summary>
    KvCacheUsage,

    /// <summary><c>num_requests_waiting</c>.</summary>
    Waiting,

    /// <summary><c>num_requests_running</c>.</summary>
    Running,
}
