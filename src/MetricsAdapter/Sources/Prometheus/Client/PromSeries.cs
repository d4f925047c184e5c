using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>
/// One series of a query result: its labels and its points, each with the timestamp Prometheus gave it (a vector or
/// scalar has one point, a matrix several). Values may be NaN or ±Inf, as Prometheus sends them.
/// </summary>
internal sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<Sample> Points)
{
    /// <summary>The last point (the only one of a vector sample).</summary>
    public Sample Last => Points[^1];
}
