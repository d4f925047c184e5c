using System.Globalization;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Telemetry;
using Grpc.Core;

namespace Autoscale.MetricsAdapter.Api.Keda;

/// <summary>
/// KEDA's <c>externalscaler.ExternalScaler</c> over the adapter's store and catalog. <c>GetMetricSpec</c> returns the
/// trigger's <c>target</c> under the metric's name; <c>GetMetrics</c> the value (<see cref="ScalerValues"/>: a sum
/// over pods, or the scale target's own value); <c>IsActive</c> is value &gt; <c>activationTarget</c>;
/// <c>StreamIsActive</c> reads every <paramref name="streamInterval"/> and sends the first answer and every change.
/// Every failure is a gRPC status with a message (InvalidArgument for bad metadata, NotFound for an unknown metric,
/// Unavailable while no fresh value exists); nothing a caller sends can stop the server.
/// </summary>
internal sealed partial class KedaScaler(ScalerValues values, TimeProvider time, TimeSpan streamInterval, AdapterMetrics metrics, ILogger<KedaScaler> logger)
    : ExternalScaler.ExternalScalerBase
{
    public override Task<GetMetricSpecResponse> GetMetricSpec(ScaledObjectRef request, ServerCallContext context) =>
        Guard(nameof(GetMetricSpec), request, () =>
        {
            var trigger = ScalerMetadata.Parse(request);
            // An unknown metric is refused when KEDA builds its HPA, not only later on every read.
            values.Served(trigger);
            var response = new GetMetricSpecResponse();
            response.MetricSpecs.Add(new MetricSpec
            {
                MetricName = trigger.Metric,
                TargetSizeFloat = trigger.Target,
                // For KEDA versions that read only the integer (it reads the float when it is > 0).
                TargetSize = Math.Max(1, (long)Math.Round(trigger.Target)),
            });
            return Task.FromResult(response);
        });

    public override Task<GetMetricsResponse> GetMetrics(GetMetricsRequest request, ServerCallContext context) =>
        Guard(nameof(GetMetrics), request.ScaledObjectRef, async () =>
        {
            var trigger = ScalerMetadata.Parse(request.ScaledObjectRef);
            var value = await values.ReadAsync(trigger, context.CancellationToken).ConfigureAwait(false);
            var response = new GetMetricsResponse();
            response.MetricValues.Add(new MetricValue
            {
                // KEDA asks with the name GetMetricSpec gave (its sN- index removed); answer under the same.
                MetricName = request.MetricName.Length > 0 ? request.MetricName : trigger.Metric,
                MetricValueFloat = value,
                MetricValue_ = (long)Math.Round(value),
            });
            return response;
        });

    public override Task<IsActiveResponse> IsActive(ScaledObjectRef request, ServerCallContext context) =>
        Guard(nameof(IsActive), request, async () =>
        {
            var trigger = ScalerMetadata.Parse(request);
            var value = await values.ReadAsync(trigger, context.CancellationToken).ConfigureAwait(false);
            return new IsActiveResponse { Result = value > trigger.ActivationTarget };
        });

    /// <summary>
    /// Sends the first readable answer, then each change. While no value can be read the stream stays open and sends
    /// nothing (a false would let KEDA scale to zero on missing data); bad metadata or an unknown metric end it.
    /// </summary>
    public override Task StreamIsActive(ScaledObjectRef request, IServerStreamWriter<IsActiveResponse> responseStream, ServerCallContext context) =>
        Guard(nameof(StreamIsActive), request, async () =>
        {
            var trigger = ScalerMetadata.Parse(request);
            var cancellationToken = context.CancellationToken;
            // Made before the first read, so a tick that comes while the first answer is being sent is not lost.
            using var timer = new PeriodicTimer(streamInterval, time);
            bool? sent = null;
            var first = true;
            try
            {
                do
                {
                    bool active;
                    try
                    {
                        active = await values.ReadAsync(trigger, cancellationToken).ConfigureAwait(false) > trigger.ActivationTarget;
                    }
                    catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.FailedPrecondition)
                    {
                        LogStreamWaiting(logger, trigger.Namespace, trigger.ScaledObject, ex.Status.Detail);
                        if (first)
                        {
                            // The stream is open and waiting: the caller can tell it was accepted.
                            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
                        }

                        first = false;
                        continue;
                    }

                    first = false;
                    if (active != sent)
                    {
                        await responseStream.WriteAsync(new IsActiveResponse { Result = active }, cancellationToken).ConfigureAwait(false);
                        sent = active;
                    }
                }
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // KEDA closed the stream.
            }

            return true;
        });

    private async Task<T> Guard<T>(string method, ScaledObjectRef? request, Func<Task<T>> call)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            metrics.KedaScalerRequests.WithLabels(method, nameof(StatusCode.OK)).Inc();
            return result;
        }
        catch (RpcException ex)
        {
            metrics.KedaScalerRequests.WithLabels(method, ex.StatusCode.ToString()).Inc();
            LogRefused(logger, method, request?.Namespace ?? "", request?.Name ?? "", ex.StatusCode.ToString(), ex.Status.Detail);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not the caller's fault: answered as Internal and logged, the server keeps serving.
            metrics.KedaScalerRequests.WithLabels(method, nameof(StatusCode.Internal)).Inc();
            LogFailed(logger, method, request?.Namespace ?? "", request?.Name ?? "", ex);
            throw new RpcException(new Status(StatusCode.Internal, string.Create(CultureInfo.InvariantCulture, $"{method} failed: {ex.Message}")));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "KEDA {Method} for ScaledObject {Namespace}/{Name}: {Code} {Detail}")]
    private static partial void LogRefused(ILogger logger, string method, string @namespace, string name, string code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "KEDA {Method} for ScaledObject {Namespace}/{Name} failed")]
    private static partial void LogFailed(ILogger logger, string method, string @namespace, string name, Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "KEDA StreamIsActive for ScaledObject {Namespace}/{Name} waits for a value: {Detail}")]
    private static partial void LogStreamWaiting(ILogger logger, string @namespace, string name, string detail);
}
