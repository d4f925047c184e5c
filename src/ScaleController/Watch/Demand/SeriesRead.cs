using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Watch.CustomMetrics;

namespace Autoscale.ScaleController.Watch.Demand;

/// <summary>
/// One pod metric as read this round: its items (one per pod), or null with the outcome that says why not
/// (<see cref="MetricReadOutcome"/>).
/// </summary>
internal sealed record SeriesRead(string Metric, IReadOnlyList<MetricValue>? Items, string Outcome)
{
    public static SeriesRead Failed(string metric, string outcome) => new(metric, null, outcome);
}
