namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>How several values become one (series of one pod, or pods of one object).</summary>
internal enum Aggregation
{
    Sum,
    Mean,
    Max,
}
