namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>What a derived metric reads of an input's samples (summed over a pod's engines and other labels).</summary>
internal enum InputKind
{
    Gauge,
    Counter,

    /// <summary>A histogram's <c>_sum</c> and <c>_count</c>.</summary>
    HistogramSumCount,

    /// <summary>A histogram's buckets, summed by <c>le</c> across engines.</summary>
    HistogramBuckets,
}
