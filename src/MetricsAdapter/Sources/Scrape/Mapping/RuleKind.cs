namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>How the samples of one source series become one value per pod and model.</summary>
internal enum RuleKind
{
    /// <summary>A gauge: combined across engines or GPUs by the metric's pod aggregation.</summary>
    Gauge,

    /// <summary>A counter: summed across engines and other labels (<c>finished_reason</c>); the rate is taken on read.</summary>
    Counter,

    /// <summary>
    /// A histogram's buckets, summed by <c>le</c>: a quantile over a window is computed from them at ingest, or they are
    /// the input of a derived metric (<see cref="Definitions.DerivedFormula.WindowStandardDeviation"/>).
    /// </summary>
    HistogramBuckets,

    /// <summary>A histogram's <c>_sum</c> and <c>_count</c>, summed across engines: the input of a windowed mean.</summary>
    HistogramSumCount,
}
