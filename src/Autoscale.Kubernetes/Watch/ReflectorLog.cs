using Microsoft.Extensions.Logging;

namespace Autoscale.Kubernetes.Watch;

/// <summary>The reflector's log messages (a non-generic home: the generator does not serve generic types).</summary>
internal static partial class ReflectorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reflector {Reflector} listed {Count} objects at resourceVersion {ResourceVersion} ({Added} added, {Modified} modified, {Deleted} deleted)")]
    public static partial void Listed(ILogger logger, string reflector, int count, string resourceVersion, int added, int modified, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reflector {Reflector}: resourceVersion {ResourceVersion} expired (410); relisting")]
    public static partial void Expired(ILogger logger, string reflector, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reflector {Reflector}: watch from resourceVersion {ResourceVersion} ended after {Events} events; resuming")]
    public static partial void WatchEnded(ILogger logger, string reflector, string? resourceVersion, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reflector {Reflector}: {Operation} failed ({Reason}); retrying in {Delay}")]
    public static partial void Failed(ILogger logger, string reflector, string operation, string reason, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reflector {Reflector}: skipped a bad watch event ({Reason})")]
    public static partial void BadEvent(ILogger logger, string reflector, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reflector {Reflector}: a change handler failed for {Namespace}/{Name}")]
    public static partial void HandlerFailed(ILogger logger, string reflector, string @namespace, string name, Exception exception);
}
