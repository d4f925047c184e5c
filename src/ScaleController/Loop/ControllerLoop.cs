using System.Threading.Channels;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Watch;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Loop;

/// <summary>
/// watch (<see cref="ClusterWatch.ObserveAsync"/>: one snapshot) → <see cref="Decider.Decide(DecideInput)"/> → act, on a <see cref="PeriodicTimer"/> and (debounced)
/// on watch, config and leadership changes. Followers decide too, so their cold-start history is warm when they
/// take over, but only the leader acts. History is kept between rounds.
/// </summary>
internal sealed partial class ControllerLoop(
    ClusterWatch watch, ConfigFeed config, Actor actor, ConfigEventReporter configEvents, ILeadership leadership,
    ControllerMetrics metrics, LoopOptions options, TimeProvider time, ILogger<ControllerLoop> logger)
{
    private readonly Channel<bool> _kicks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly RoundReporter _reporter = new(metrics);
    private readonly MissingWorkloadLog _missing = new(logger);
    private IReadOnlyDictionary<WorkloadRef, ColdStartHistory> _history = new Dictionary<WorkloadRef, ColdStartHistory>();

    // Each planner's state between rounds (forecast, correction); a workload not in it resumes from its HPA annotation.
    private IReadOnlyDictionary<WorkloadRef, string>? _planner;

    /// <summary>Rounds completed; tests wait on it.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    private int _rounds;

    public async Task RunAsync(CancellationToken stop)
    {
        void Kick() => _kicks.Writer.TryWrite(true);
        void OnLeadership(bool _) => Kick();
        watch.Changed += Kick;
        config.Changed += Kick;
        leadership.Changed += OnLeadership;
        using var timer = new PeriodicTimer(options.Interval, time);
        var ticking = TickAsync(timer, stop);
        try
        {
            while (true)
            {
                await _kicks.Reader.ReadAsync(stop).ConfigureAwait(false);
                await Task.Delay(options.Debounce, time, stop).ConfigureAwait(false);
                _kicks.Reader.TryRead(out _);
                metrics.CachesSynced.Set(watch.Synced ? 1 : 0);
                if (watch.Synced && config.Loaded)
                {
                    await SafeRoundAsync(stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            watch.Changed -= Kick;
            config.Changed -= Kick;
            leadership.Changed -= OnLeadership;
            await ticking.ConfigureAwait(false);
        }
    }

    /// <summary>One round, now.</summary>
    public async Task RoundAsync(CancellationToken stop)
    {
        var started = time.GetTimestamp();
        var leader = leadership.IsLeader;
        if (await watch.ObserveAsync(config.Store.Snapshot, options.DryRun, stop).ConfigureAwait(false) is not var (effective, observed))
        {
            return;
        }

        var output = Decider.Decide(new DecideInput(effective, observed, _history, time.GetUtcNow(), _planner));
        _history = output.History;
        _planner = output.Planner;
        _reporter.Report(effective, observed, output);
        _missing.Report(effective, observed);
        if (leader)
        {
            if (effective.DryRun)
            {
                // Dry run writes nothing, not even this Event: the refusal is in the log, the metric and /readyz.
                config.TakeUnreported();
            }
            else
            {
                using var term = CancellationTokenSource.CreateLinkedTokenSource(stop, leadership.Term);
                await configEvents.ReportAsync(term.Token).ConfigureAwait(false);
            }

            await actor.ApplyAsync(output.Decisions, stop).ConfigureAwait(false);
        }
        else if (leadership.OtherLeads)
        {
            // The leader records the refused edit; taking over later must not record it a second time.
            config.TakeUnreported();
        }

        metrics.Rounds.WithLabels(leader ? "leader" : "follower").Inc();
        metrics.RoundDuration.Observe(time.GetElapsedTime(started).TotalSeconds);
        Interlocked.Increment(ref _rounds);
        LogRound(logger, leader ? "leader" : "follower", effective.Workloads.Count, output.Decisions.Count);
    }

    // A bug in one round (an object the mappers cannot read) must not stop the controller: log, count, go on.
    private async Task SafeRoundAsync(CancellationToken stop)
    {
        try
        {
            await RoundAsync(stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            metrics.Rounds.WithLabels("failed").Inc();
            LogRoundFailed(logger, ex);
        }
    }

    private async Task TickAsync(PeriodicTimer timer, CancellationToken stop)
    {
        _kicks.Writer.TryWrite(true);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                _kicks.Writer.TryWrite(true);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
