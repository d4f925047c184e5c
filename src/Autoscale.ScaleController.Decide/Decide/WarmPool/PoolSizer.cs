using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// Pool size = max(minimum, active schedule, headroom) + predictive extra, capped by the workload's GPU budget.
/// Headroom is the planner's forecast uncertainty in replicas when the planner has one (<see cref="ForecastHeadroom"/>),
/// else the configured fraction of ready replicas.
/// The HPA's unmet desire and the replicas pending a node describe the same shortfall, so the larger counts,
/// not the sum.
/// </summary>
internal static class PoolSizer
{
    /// <param name="forecast">The planner's forecast headroom; null when the planner is off for the workload.</param>
    public static PoolTarget Size(WarmPoolPolicy policy, ObservedWorkload workload, int gpusPerPlaceholder, DateTimeOffset now, ForecastHeadroom? forecast = null)
    {
        if (gpusPerPlaceholder <= 0)
        {
            return new PoolTarget(0, 0, "the pod template requests no GPU");
        }

        var (scheduled, index) = ScheduleWindows.Active(policy.Schedules, now);
        var ready = workload.Pods.Count(p => p is { Ready: not null, Terminating: false });
        var fraction = policy.Headroom.For(ready);
        var headroom = forecast?.Replicas ?? fraction;
        var baseSize = Math.Max(Math.Max(policy.Minimum, scheduled), headroom);
        var extra = policy.Predictive.Enabled ? Predict(policy.Predictive, workload, now) : (0, "");
        var cap = policy.MaxGpus / gpusPerPlaceholder;
        var wanted = Math.Min(baseSize + extra.Item1, cap);
        var fractionText = policy.Headroom.Fraction > 0
            ? string.Create(CultureInfo.InvariantCulture, $"headroom {fraction} ({policy.Headroom.Fraction:0.###} × {ready} ready), ")
            : "";
        var headroomText = forecast switch
        {
            { Replicas: not null } => forecast.Describe() + ", ",
            not null => $"{forecast.Describe()}: {(fractionText.Length > 0 ? fractionText : "no headroom, ")}",
            null => fractionText,
        };
        var why = string.Create(CultureInfo.InvariantCulture,
            $"minimum {policy.Minimum}, schedule {(index < 0 ? "none active" : $"[{index}] {scheduled}")}, {headroomText}predictive +{extra.Item1}{extra.Item2}, workload cap {cap} ({policy.MaxGpus} GPUs / {gpusPerPlaceholder})");
        return new PoolTarget(wanted, gpusPerPlaceholder, why);
    }

    /// <summary>
    /// A held pool (its scale target unreadable) wants what it has: nothing to size from, nothing to copy from, but
    /// no evidence the workload is gone either. Its caps still apply, so a lower <c>maxGpus</c> (or budget) shrinks it.
    /// </summary>
    public static PoolTarget Held(WarmPoolPolicy policy, int live, int gpusPerPlaceholder, string why)
    {
        var cap = gpusPerPlaceholder > 0 ? policy.MaxGpus / gpusPerPlaceholder : live;
        return new PoolTarget(Math.Min(live, cap), gpusPerPlaceholder, string.Create(CultureInfo.InvariantCulture,
            $"held at {live} while the scale target is unreadable: {why}; workload cap {cap} ({policy.MaxGpus} GPUs / {gpusPerPlaceholder})"));
    }

    private static (int, string) Predict(PredictivePolicy policy, ObservedWorkload workload, DateTimeOffset now)
    {
        var gap = policy.CountHpaGap && workload.Hpa is { } hpa ? Math.Max(0, hpa.DesiredReplicas - hpa.CurrentReplicas) : 0;
        var pending = policy.CountPending
            ? workload.Pods.Count(p => p is { UnschedulableSince: not null, Scheduled: null, Terminating: false })
            : 0;
        var growth = QueueGrowthPerMinute(workload.QueueDepth, now - TimeSpan.FromSeconds(policy.LookbackSeconds), now);
        var fromQueue = growth > 0 ? (int)Math.Ceiling(growth / policy.QueueGrowthPerReplica) : 0;
        var extra = Math.Min(policy.MaxExtra, Math.Max(gap, pending) + fromQueue);
        return (extra, string.Create(CultureInfo.InvariantCulture,
            $" (HPA gap {gap}, pending {pending}, queue {growth:+0.#;-0.#;0}/min → {fromQueue}, max {policy.MaxExtra})"));
    }

    /// <summary>Slope between the first and last sample inside the lookback; 0 with fewer than two samples.</summary>
    public static double QueueGrowthPerMinute(IReadOnlyList<MetricSample> series, DateTimeOffset from, DateTimeOffset now)
    {
        MetricSample? first = null, last = null;
        foreach (var sample in series)
        {
            if (sample.Timestamp < from || sample.Timestamp > now || !double.IsFinite(sample.Value))
            {
                continue;
            }

            first ??= sample;
            last = sample;
        }

        if (first is null || last is null || last.Timestamp <= first.Timestamp)
        {
            return 0;
        }

        return (last.Value - first.Value) / (last.Timestamp - first.Timestamp).TotalMinutes;
    }
}
