using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch.CapacityBuffers;

/// <summary>
/// Once per round, when some workload's warm pool may be a buffer (and after that until a list shows none of ours
/// left, so they are collected; and once at start, so buffers a previous run left are collected too): is the
/// CapacityBuffer API served (<see cref="CapacityBufferDiscovery"/>), and which buffers do we
/// manage (one list, by our managed-by label). A failed read keeps the last good answer; only a 404 or discovery
/// saying the group is gone makes the API absent, which turns <c>auto</c> pools back into placeholders.
/// </summary>
internal sealed partial class CapacityBufferFeed(ApiReader api, CapacityBufferDiscovery discovery, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly string Selector = Uri.EscapeDataString($"{PlaceholderLabels.ManagedBy}={PlaceholderLabels.ManagedByValue}");

    private CapacityBufferApi? _last;
    private bool _known;

    public async Task<CapacityBufferApi?> RefreshAsync(ControllerConfig config, CancellationToken stop)
    {
        var wanted = config.Workloads.Any(w => w.Policy.WarmPool.Backend != WarmPoolBackend.Placeholders);
        if (!wanted && _last is null && _known)
        {
            return Remember(null);
        }

        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            var version = await discovery.RefreshAsync(linked.Token).ConfigureAwait(false);
            if (version is null)
            {
                if (discovery.Problem is { } problem)
                {
                    LogKept(logger, problem);
                    return _last;
                }

                return Remember(null);
            }

            var answer = await api.GetAsync($"apis/{CapacityBufferApi.Group}/{version}/{CapacityBufferApi.Resource}?labelSelector={Selector}", linked.Token).ConfigureAwait(false);
            if (answer.Code == 404)
            {
                discovery.Invalidate();
                return Remember(null);
            }

            if (answer.Ok && CapacityBufferMapper.ParseList(answer.Body) is { } buffers)
            {
                // No pool wants buffers and none of ours is left (the last round's applies included): stop looking.
                return Remember(!wanted && buffers.Count == 0 ? null : new CapacityBufferApi(version, buffers));
            }

            LogKept(logger, answer.Ok ? "the CapacityBuffer list was unreadable" : $"listing CapacityBuffers failed ({answer.Code}: {answer.Message})");
            return _last;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stop.IsCancellationRequested))
        {
            LogKept(logger, e.Message);
            return _last;
        }
    }

    private CapacityBufferApi? Remember(CapacityBufferApi? now)
    {
        if (!_known || (now is null) != (_last is null) || (now is not null && now.Version != _last!.Version))
        {
            if (now is null)
            {
                LogNotServed(logger, CapacityBufferApi.Group);
            }
            else
            {
                LogServed(logger, now.ApiVersion);
            }
        }

        (_last, _known) = (now, true);
        return now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CapacityBuffer API {ApiVersion} is served: warm pools with backend capacityBuffer or auto are buffers")]
    private static partial void LogServed(ILogger logger, string apiVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "CapacityBuffer API {Group} is not served (or no longer looked for): warm pools with backend auto are placeholder pods")]
    private static partial void LogNotServed(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CapacityBuffers not read this round, keeping the last answer: {Problem}")]
    private static partial void LogKept(ILogger logger, string problem);
}
