using System.Net;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Telemetry;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Act;

/// <summary>
/// Applies a round's decisions in order. Leadership is checked before every write and each write runs under the
/// leadership term's token, so a lost lease stops the list (and any retry in flight) instead of half-applying it
/// under a new leader. A 409 is left for the next round, which decides again from fresh caches. A refusal warning
/// that was already there last round is dropped before acting (it would repeat its Event every round), so the outcomes
/// are those of the decisions acted on.
/// </summary>
internal sealed partial class Actor(IKubernetes client, ILeadership leadership, ControllerMetrics metrics, ILogger<Actor> logger, string instance, TimeProvider time)
{
    private readonly DecisionWriter _writer = new(client, new EventRecorder(client, instance, time));
    private readonly PriorityClassCheck _priorityClass = new(client, logger);
    private readonly DryRunLog _dryRunLog = new();

    // Same "new since last round" rule for refusal warnings: one Event per refusal, not one per round.
    private readonly DryRunLog _refusals = new();

    public async Task<IReadOnlyList<ActOutcome>> ApplyAsync(IReadOnlyList<Decision> decisions, CancellationToken stopping)
    {
        foreach (var decision in _dryRunLog.NewThisRound(decisions.Where(d => d.DryRun)))
        {
            LogDryRun(logger, decision.ToString());
        }

        var fresh = _refusals.NewThisRound(decisions.OfType<WarnBufferRefused>().Where(d => !d.DryRun)).ToHashSet();
        decisions = [.. decisions.Where(d => d is not WarnBufferRefused { DryRun: false } || fresh.Contains(d))];

        var outcomes = new List<ActOutcome>(decisions.Count);
        var stop = false;
        foreach (var decision in decisions)
        {
            var outcome = decision.DryRun ? ActOutcome.DryRun
                : stop || !leadership.IsLeader ? ActOutcome.Skipped
                : await WriteAsync(decision, stopping).ConfigureAwait(false);
            stop |= outcome == ActOutcome.Skipped;
            outcomes.Add(outcome);
            metrics.Decisions.WithLabels(DecisionWriter.Kind(decision), outcome.ToString().ToLowerInvariant()).Inc();
        }

        return outcomes;
    }

    private async Task<ActOutcome> WriteAsync(Decision decision, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, leadership.Term);
        try
        {
            if (decision is CreatePlaceholder)
            {
                await _priorityClass.EnsureCheckedAsync(linked.Token).ConfigureAwait(false);
            }

            await _writer.WriteAsync(decision, linked.Token).ConfigureAwait(false);
            LogApplied(logger, decision.ToString());
            return ActOutcome.Applied;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            LogLostLeadership(logger, decision.ToString());
            return ActOutcome.Skipped;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            LogConflict(logger, decision.ToString());
            return ActOutcome.Conflict;
        }
        catch (HttpOperationException ex)
        {
            LogFailed(logger, decision.ToString(), (int)ex.Response.StatusCode, ex.Response.Content);
            return ActOutcome.Failed;
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, decision.ToString(), 0, ex.Message);
            return ActOutcome.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision (dry run, nothing written): {Decision}")]
    private static partial void LogDryRun(ILogger logger, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied: {Decision}")]
    private static partial void LogApplied(ILogger logger, string decision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leadership lost: stopped before {Decision}; the new leader decides again")]
    private static partial void LogLostLeadership(ILogger logger, string decision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conflict on {Decision}: re-read next round")]
    private static partial void LogConflict(ILogger logger, string decision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed after retries: {Decision}: HTTP {Status} {Detail}")]
    private static partial void LogFailed(ILogger logger, string decision, int status, string detail);
}
