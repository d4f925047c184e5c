using System.Net;
using Autoscale.ScaleController.Telemetry;
using k8s;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Autoscale.ScaleController.Kube;

/// <summary>
/// A KubernetesClient whose every request goes through a Polly retry (429, 5xx, transport errors; Retry-After
/// honoured) and an error counter. Cancelling the request's token (e.g. on lost leadership) stops the retries.
/// </summary>
internal static class KubeClientFactory
{
    public static k8s.Kubernetes Create(KubernetesClientConfiguration configuration, ApiRetryOptions retry, ControllerMetrics metrics, TimeProvider time) =>
        new(configuration, new ResilienceHandler(Pipeline(retry, time)), new ApiErrorCounter(metrics));

    public static ResiliencePipeline<HttpResponseMessage> Pipeline(ApiRetryOptions retry, TimeProvider time)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxRetries,
            Delay = retry.BaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(options).Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
