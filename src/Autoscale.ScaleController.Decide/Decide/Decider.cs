using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.Planner;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Decide;

/// <summary>
/// The Decide stage: (config, observed state, history, now) → decisions. Pure and deterministic, with no
/// Kubernetes client types, so the controller and the load-test simulator run exactly this code.
/// </summary>
public static class Decider
{
    public static DecideOutput Decide(DecideInput input)
    {
        var (config, cluster, now) = (input.Config, input.Cluster, input.Now);
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var unreadable = cluster.Unreadable.Select(u => u.Workload).ToHashSet();
        var perWorkload = new List<Decision>();
        var history = new Dictionary<WorkloadRef, ColdStartHistory>();
        var planner = new Dictionary<WorkloadRef, string>();
        var forecasts = new Dictionary<WorkloadRef, ForecastHeadroom>();
        var nodes = cluster.NodesByName();
        foreach (var workload in config.Workloads)
        {
            if (!observed.TryGetValue(workload.Workload, out var seen))
            {
                // Unreadable for now, not gone: what was learnt stays in memory for when it can be read again.
                if (unreadable.Contains(workload.Workload) && input.History.TryGetValue(workload.Workload, out var kept))
                {
                    history[workload.Workload] = kept;
                }

                if (unreadable.Contains(workload.Workload) && input.Planner?.GetValueOrDefault(workload.Workload) is { } state)
                {
                    planner[workload.Workload] = state;
                }

                continue;
            }

            var dryRun = config.DryRun || workload.DryRun;
            var known = input.History.GetValueOrDefault(workload.Workload)
                ?? ColdStartHistoryCodec.Decode(seen.Hpa?.Annotations.GetValueOrDefault(ColdStartHistoryCodec.Annotation));
            var learnt = ColdStartLearner.Learn(known, seen.Pods, workload.Policy.ColdStart, nodes);
            history[workload.Workload] = learnt;
            if (seen.Hpa is not { } hpa)
            {
                continue;
            }

            var loading = LoadingPods.Find(seen.Pods, workload.Policy.ScaleDown, now);
            if (BehaviorPlanner.Plan(workload, hpa, learnt, loading, dryRun) is { } set)
            {
                perWorkload.Add(set);
            }

            var encoded = ColdStartHistoryCodec.Encode(learnt);
            if (encoded != hpa.Annotations.GetValueOrDefault(ColdStartHistoryCodec.Annotation) && learnt.Samples.Count > 0)
            {
                perWorkload.Add(new PersistHistory(workload.Workload, hpa.Ref, encoded, learnt.Samples.Count, dryRun));
            }

            if (workload.Policy.Planner is { Enabled: true, Profile: not null })
            {
                var outcome = PlannerStep.Run(workload, seen, hpa, learnt, input.Planner?.GetValueOrDefault(workload.Workload), now, dryRun);
                planner[workload.Workload] = outcome.State;
                forecasts[workload.Workload] = new ForecastHeadroom(
                    outcome.Forecast?.Central, outcome.Forecast?.Upper, outcome.CapacityPerReplica, outcome.Forecast?.HorizonSeconds ?? 0);
                if (outcome.Publish is { } publish)
                {
                    perWorkload.Add(publish);
                }
            }
        }

        // Buffers first: they take their share of the GPU budget and say which workloads stay on placeholders.
        var buffers = BufferPlanner.Plan(config, cluster, now, nodes, forecasts);
        var (placeholders, pools) = PlaceholderPlanner.Plan(buffers.PlaceholderConfig, buffers.PlaceholderCluster, now, nodes, forecasts);
        return new DecideOutput(Order(config, perWorkload, [.. buffers.Decisions, .. placeholders]), history, [.. buffers.Pools, .. pools], planner);
    }

    /// <summary>Convenience for callers holding a clock rather than an instant.</summary>
    public static DecideOutput Decide(ControllerConfig config, ObservedCluster cluster, IReadOnlyDictionary<WorkloadRef, ColdStartHistory> history, TimeProvider time) =>
        Decide(new DecideInput(config, cluster, history, time.GetUtcNow()));

    // Group by workload in config order; decisions without a configured workload (garbage) come last.
    private static List<Decision> Order(ControllerConfig config, List<Decision> perWorkload, IReadOnlyList<Decision> placeholders)
    {
        var rank = config.Workloads.Select((w, i) => (w.Workload, i)).ToDictionary(x => x.Workload, x => x.i);
        return perWorkload.Concat(placeholders)
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Workload is { } w && rank.TryGetValue(w, out var r) ? r : int.MaxValue)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
    }
}
