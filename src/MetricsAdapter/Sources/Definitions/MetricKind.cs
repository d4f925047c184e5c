namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>How a served metric's value comes from its stored samples.</summary>
internal enum MetricKind
{
    /// <summary>The last sample's value.</summary>
    Gauge,

    /// <summary>Per-second increase between the previous and the last sample of a counter, computed on read.</summary>
    Rate,
}
