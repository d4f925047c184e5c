using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Sources.Targets;

internal static partial class TargetWatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery synced: {Pods} pods, {Workloads} workloads, {Targets} scrape targets")]
    public static partial void Synced(ILogger logger, int pods, int workloads, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape targets changed: {InferenceServers} inference servers, {GpuExporters} GPU exporters")]
    public static partial void TargetsChanged(ILogger logger, int inferenceServers, int gpuExporters);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HPA {Namespace}/{Hpa} asks for an adapter metric but its scale target {Kind}/{Target} has no known pod selector")]
    public static partial void UnresolvedScaleTarget(ILogger logger, string @namespace, string hpa, string? kind, string? target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discovery failed to apply a change; it retries on the next one")]
    public static partial void ApplyFailed(ILogger logger, Exception exception);
}
