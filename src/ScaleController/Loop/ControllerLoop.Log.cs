using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Loop;

/// <summary>The loop's log messages.</summary>
internal sealed partial class ControllerLoop
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Round failed; the next round starts from fresh caches")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Round as {Role}: {Workloads} workloads, {Decisions} decisions")]
    private static partial void LogRound(ILogger logger, string role, int workloads, int decisions);
}
