using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>
/// The HttpClient to Prometheus behind one Polly pipeline: retry (jittered exponential backoff, transient failures
/// only: 5xx, 408, 429, connection errors, attempt timeouts) → circuit breaker → per-attempt timeout. A query Prometheus
/// rejects (400/422) is not retried: it would fail the same way.
/// </summary>
internal static class PrometheusHttp
{
    public static HttpClient CreateClient(PrometheusSourceOptions options, TimeProvider time, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }

        var pipeline = builder
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.CircuitBreakDuration,
            })
            .AddTimeout(options.Timeout)
            .Build();

#pragma warning disable CA2000 // The handlers are owned and disposed by the HttpClient.
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = inner ?? new SocketsHttpHandler
            {
                ConnectTimeout = options.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
        };
#pragma warning restore CA2000

        // The pipeline's timeouts govern; HttpClient's own 100 s default would only mask them.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
