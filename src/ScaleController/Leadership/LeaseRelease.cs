using k8s.Autorest;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Leadership;

/// <summary>
/// On a clean stop the leader empties the lease's holder, so a follower acquires it on its next try instead of
/// waiting out the lease duration (client-go's ReleaseOnCancel).
/// </summary>
internal static partial class LeaseRelease
{
    public static async Task ReleaseAsync(ILock leaseLock, string identity, TimeProvider time, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            var record = await leaseLock.GetAsync(timeout.Token).ConfigureAwait(false);
            if (record?.HolderIdentity != identity)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var released = new LeaderElectionRecord
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaderTransitions = record.LeaderTransitions,
            };
            if (await leaseLock.UpdateAsync(released, timeout.Token).ConfigureAwait(false))
            {
                LogReleased(logger, identity);
            }
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            LogReleaseFailed(logger, identity, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released the leader lease")]
    private static partial void LogReleased(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not release the leader lease (a follower takes over after the lease duration): {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string identity, string error);
}
