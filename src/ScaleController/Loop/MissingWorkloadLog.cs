using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Loop;

/// <summary>
/// Names, once per change, a configured Deployment or StatefulSet that is not in the cluster and a configured HPA that
/// is missing. Neither is a config error (a config may name a workload before it is deployed, and refusing the edit
/// would also refuse everything else in it), but a typo must not pass in silence. Scale targets of other kinds are
/// reported by their /scale reader.
/// </summary>
internal sealed partial class MissingWorkloadLog(ILogger logger)
{
    private Dictionary<WorkloadRef, string> _reported = [];

    public void Report(ControllerConfig config, ObservedCluster cluster)
    {
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var now = new Dictionary<WorkloadRef, string>();
        foreach (var workload in config.Workloads)
        {
            var line = observed.TryGetValue(workload.Workload, out var seen)
                ? seen.Hpa is null ? $"has no HorizontalPodAutoscaler {workload.Workload.Namespace}/{workload.HpaName}: its cold starts are learnt and its warm pool kept, but no behavior is set" : null
                : workload.Workload.Kind.IsWatched ? $"is managed but not found in the cluster: nothing is tuned for it and its placeholders are collected (a typo, or not deployed yet?)" : null;
            if (line is null)
            {
                continue;
            }

            now[workload.Workload] = line;
            if (!_reported.TryGetValue(workload.Workload, out var last) || last != line)
            {
                LogMissing(logger, workload.Workload.Kind.ToString(), workload.Workload.ToString(), line);
            }
        }

        foreach (var (workload, _) in _reported.Where(r => !now.ContainsKey(r.Key) && config.Find(r.Key) is not null))
        {
            LogFound(logger, workload.Kind.ToString(), workload.ToString());
        }

        _reported = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Workload} {Problem}")]
    private static partial void LogMissing(ILogger logger, string kind, string workload, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Workload} and its HPA are found")]
    private static partial void LogFound(ILogger logger, string kind, string workload);
}
