using Autoscale.ScaleController.Telemetry;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Leadership;

/// <summary>
/// KubernetesClient's <see cref="LeaderElector"/> over a <see cref="LeaseLock"/>. Leadership is tracked from the
/// elector's started/stopped callbacks (its own IsLeader() stays true after a lost renewal until it re-reads).
/// </summary>
internal sealed partial class LeaseLeadership(IKubernetes client, LeaderElectionOptions options, ControllerMetrics metrics, TimeProvider time, ILogger<LeaseLeadership> logger)
    : ILeadership
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _term = Cancelled();

    public event Action<bool>? Changed;

    private volatile bool _leading;
    private volatile string? _holder;

    public bool IsLeader => _leading;

    public bool OtherLeads => !_leading && !string.IsNullOrEmpty(_holder) && _holder != options.Identity;

    public CancellationToken Term
    {
        get
        {
            lock (_gate)
            {
                return _term.Token;
            }
        }
    }

    /// <summary>Campaigns until <paramref name="stop"/>, then releases the lease if it holds it.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var leaseLock = new LeaseLock(client, options.Namespace, options.LeaseName, options.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        elector.OnStartedLeading += Started;
        elector.OnStoppedLeading += Stopped;
        elector.OnNewLeader += leader =>
        {
            _holder = leader;
            LogNewLeader(logger, options.Identity, leader);
        };
        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            Stopped();
        }

        await LeaseRelease.ReleaseAsync(leaseLock, options.Identity, time, logger).ConfigureAwait(false);
    }

    private void Started()
    {
        lock (_gate)
        {
            _term.Dispose();
            _term = new CancellationTokenSource();
            _leading = true;
        }

        metrics.Leader.Set(1);
        LogStarted(logger, options.Identity, options.Namespace, options.LeaseName);
        Changed?.Invoke(true);
    }

    private void Stopped()
    {
        lock (_gate)
        {
            if (!_leading)
            {
                return;
            }

            _leading = false;
            _term.Cancel();
        }

        metrics.Leader.Set(0);
        LogStopped(logger, options.Identity);
        Changed?.Invoke(false);
    }

    private static CancellationTokenSource Cancelled()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} is now the leader (lease {Namespace}/{Lease}): acting")]
    private static partial void LogStarted(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost or gave up leadership: stopped acting")]
    private static partial void LogStopped(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} observes leader {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string identity, string leader);
}
