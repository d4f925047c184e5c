using Autoscale.Hpa;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Decide.Decisions;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// The leader records a refused config edit as a Warning Event on the ConfigMap, naming the fields, once per
/// revision. In local-file mode (no ConfigMap) the refusal is only logged by the config store.
/// </summary>
internal sealed partial class ConfigEventReporter(ConfigFeed feed, EventRecorder events, EventTarget? configMap, ILogger logger)
{
    public const string Reason = "InvalidConfig";

    public async Task ReportAsync(CancellationToken term)
    {
        if (configMap is null || feed.TakeUnreported() is not { } refusal)
        {
            return;
        }

        var message = $"config revision {refusal.Revision} refused, keeping the last good config: {string.Join("; ", refusal.Errors)}";
        try
        {
            await events.CreateAsync(configMap, new KubernetesEvent(KubernetesEventType.Warning, Reason, message), term).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException)
        {
            LogEventFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the InvalidConfig event: {Error}")]
    private static partial void LogEventFailed(ILogger logger, string error);
}
