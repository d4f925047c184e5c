using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Telemetry;

namespace Autoscale.ScaleController.Loop;

/// <summary>Per-workload gauges after each round; series of workloads no longer managed are removed.</summary>
internal sealed class RoundReporter(ControllerMetrics metrics)
{
    private static readonly string[] Phases = ["total", "scheduling", "pull", "load"];
    private HashSet<string> reported = [];

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
                int[] values = [estimate.TotalSeconds, estimate.SchedulingSeconds, estimate.PullSeconds, estimate.LoadSeconds];
                for (var i = 0; i < Phases.Length; i++)
                {
                    metrics.ColdStartSeconds.WithLabels(label, Phases[i]).Set(values[i]);
                }
            }

            var set = output.Decisions.OfType<SetBehavior>().FirstOrDefault(d => d.Workload == workload.Workload);
            var window = set?.Behavior.ScaleDown?.StabilizationWindowSeconds
                ?? cluster.Workloads.FirstOrDefault(w => w.Ref == workload.Workload)?.Hpa?.Behavior?.ScaleDown?.StabilizationWindowSeconds;
            if (window is { } seconds)
            {
                metrics.ScaleDownWindowSeconds.WithLabels(label).Set(seconds);
            }
        }

        foreach (var pool in output.Pools)
        {
            var label = pool.Workload.ToString();
            metrics.WarmPool.WithLabels(label, "wanted").Set(pool.Wanted);
            metrics.WarmPool.WithLabels(label, "granted").Set(pool.Granted);
            metrics.WarmPool.WithLabels(label, "kept_or_created").Set(pool.Kept + pool.Created);
        }

        foreach (var gone in reported.Except(now))
        {
            Remove(gone);
        }

        reported = now;
    }

    private void Remove(string label)
    {
        metrics.ColdStartSamples.RemoveLabelled(label);
        metrics.ScaleDownWindowSeconds.RemoveLabelled(label);
        foreach (var phase in Phases)
        {
            metrics.ColdStartSeconds.RemoveLabelled(label, phase);
        }

        foreach (var state in new[] { "wanted", "granted", "kept_or_created" })
        {
            metrics.WarmPool.RemoveLabelled(label, state);
        }
    }
}
