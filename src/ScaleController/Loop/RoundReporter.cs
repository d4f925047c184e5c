using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Telemetry;
using Prometheus;

namespace Autoscale.ScaleController.Loop;

/// <summary>Per-workload gauges after each round; series of workloads no longer managed are removed.</summary>
internal sealed class RoundReporter(ControllerMetrics metrics)
{
    private static readonly string[] Phases = ["total", "scheduling", "pull", "load", "node_provisioning", "node_startup"];
    private static readonly string[] PoolStates = ["wanted", "granted", "kept_or_created", "warm", "warming"];
    private HashSet<string> _reported = [];

    public void Report(ControllerConfig config, ObservedCluster cluster, DecideOutput output)
    {
        var now = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in config.Workloads)
        {
            var label = workload.Workload.ToString();
            now.Add(label);
            var history = output.History.GetValueOrDefault(workload.Workload) ?? ColdStartHistory.Empty;
            metrics.ColdStartSamples.WithLabels(label).Set(history.Samples.Count);
            if (ColdStartEstimate.From(history, workload.Policy.ColdStart) is { } estimate)
            {
                SetPhases(metrics.ColdStartSeconds, label, estimate);
                SetPhases(metrics.ColdStartMedianSeconds, label, ColdStartEstimate.At(history, 50)!);
            }

            var set = output.Decisions.OfType<SetBehavior>().FirstOrDefault(d => d.Workload == workload.Workload);
            var window = set?.Behavior.ScaleDown?.StabilizationWindowSeconds
                ?? cluster.Workloads.FirstOrDefault(w => w.Ref == workload.Workload)?.Hpa?.Behavior?.ScaleDown?.StabilizationWindowSeconds;
            if (window is { } seconds)
            {
                metrics.ScaleDownWindowSeconds.WithLabels(label).Set(seconds);
            }

            // The planner writes only on a change or a refresh: between them its number stands as last published.
            var publish = output.Decisions.OfType<PublishRecommendation>().FirstOrDefault(d => d.Workload == workload.Workload);
            if (!workload.Policy.Planner.Enabled || publish is { Replicas: null })
            {
                metrics.PlannerReplicas.RemoveLabelled(label);
            }
            else if (publish is { Replicas: { } replicas })
            {
                metrics.PlannerReplicas.WithLabels(label).Set(replicas);
            }
        }

        foreach (var pool in output.Pools)
        {
            var label = pool.Workload.ToString();
            metrics.WarmPool.WithLabels(label, "wanted").Set(pool.Wanted);
            metrics.WarmPool.WithLabels(label, "granted").Set(pool.Granted);
            metrics.WarmPool.WithLabels(label, "kept_or_created").Set(pool.Kept + pool.Created);
            if (pool.Warmth is { } warmth)
            {
                metrics.WarmPool.WithLabels(label, "warm").Set(warmth.Warm);
                metrics.WarmPool.WithLabels(label, "warming").Set(warmth.Warming);
            }
        }

        foreach (var gone in _reported.Except(now))
        {
            Remove(gone);
        }

        _reported = now;
    }

    private void Remove(string label)
    {
        metrics.ColdStartSamples.RemoveLabelled(label);
        metrics.ScaleDownWindowSeconds.RemoveLabelled(label);
        metrics.PlannerReplicas.RemoveLabelled(label);
        foreach (var phase in Phases)
        {
            metrics.ColdStartSeconds.RemoveLabelled(label, phase);
            metrics.ColdStartMedianSeconds.RemoveLabelled(label, phase);
        }

        foreach (var state in PoolStates)
        {
            metrics.WarmPool.RemoveLabelled(label, state);
        }
    }

    // The node phases exist only once a sample waited for a new node; until then they are absent, not 0.
    private static void SetPhases(Gauge gauge, string label, ColdStartEstimate estimate)
    {
        int?[] values = [estimate.TotalSeconds, estimate.SchedulingSeconds, estimate.PullSeconds, estimate.LoadSeconds, estimate.NodeProvisionSeconds, estimate.NodeStartupSeconds];
        for (var i = 0; i < Phases.Length; i++)
        {
            if (values[i] is { } value)
            {
                gauge.WithLabels(label, Phases[i]).Set(value);
            }
            else
            {
                gauge.RemoveLabelled(label, Phases[i]);
            }
        }
    }
}
