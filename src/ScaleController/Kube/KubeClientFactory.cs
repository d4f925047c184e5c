using System.Net;
using Autoscale.ScaleController.Telemetry;
using k8s;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Autoscale.ScaleController.Kube;

/// <summary>
/// A KubernetesClient whose every request goes through a Polly retry (429, 5xx, transport errors; Retry-After
/// honoured) and an error counter. Cancelling the request's token (e.g. on lost leadership) stops the retries.
/// </summary>
internal static partial class KubeClientFactory
{
    /// <summary>Set on a request that must not be retried (a per-round read: the next round asks again).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("autoscale.noRetry");

    /// <param name="inner">Handlers after the retry and the error counter, before the transport.</param>
    public static k8s.Kubernetes Create(
        KubernetesClientConfiguration configuration, ApiRetryOptions retry, ControllerMetrics metrics, TimeProvider time, ILogger? logger = null, params DelegatingHandler[] inner) =>
        new(configuration, [new ResilienceHandler(Pipeline(retry, time, logger ?? NullLogger.Instance)), new ApiErrorCounter(metrics), .. inner]);

    public static ResiliencePipeline<HttpResponseMessage> Pipeline(ApiRetryOptions retry, TimeProvider time, ILogger logger)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxRetries,
            Delay = retry.BaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(!IsNoRetry(args.Context.GetRequestMessage()) && ShouldRetry(args.Outcome)),
            OnRetry = args =>
            {
                var what = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.Message ?? "error";
                LogRetry(logger, what, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(options).Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes API answered {What}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, TimeSpan delay);

    private static bool IsNoRetry(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(NoRetry, out var noRetry) && noRetry;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
