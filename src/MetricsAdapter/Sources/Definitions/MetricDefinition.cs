namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>
/// One metric the adapter serves under a name an HPA can use (underscores only, no PromQL).
/// </summary>
/// <param name="Name">The served name, e.g. <c>vllm_queue_depth</c>.</param>
/// <param name="Kind">Gauge or a rate computed on read.</param>
/// <param name="PodAggregation">How the series of one pod that match the metric selector combine (e.g. the sum over vLLM engines).</param>
/// <param name="ObjectAggregation">How the pods of a Deployment, StatefulSet, Service or Namespace combine.</param>
/// <param name="SourceSeries">
/// The exporter series it comes from, as listed in discovery docs and the README. When a page has several of them,
/// the first listed wins (vLLM 0.9 exposes both <c>kv_cache_usage_perc</c> and the deprecated <c>gpu_cache_usage_perc</c>).
/// </param>
/// <param name="Description">One line for humans.</param>
internal sealed record MetricDefinition(
    string Name,
    MetricKind Kind,
    Aggregation PodAggregation,
    Aggregation ObjectAggregation,
    IReadOnlyList<string> SourceSeries,
    string Description)
{
    /// <summary>Factor applied to each source value at ingest (DCGM reports framebuffer memory in MiB; we serve bytes).</summary>
    public double SourceScale { get; init; } = 1;

    /// <summary>
    /// When set, the source series are histograms and the served gauge is this quantile of the observations made in the
    /// last histogram window (bucket deltas between two scrapes at least a window apart), computed at ingest.
    /// </summary>
    public double? SourceQuantile { get; init; }

    /// <summary>
    /// When set, source samples whose label <c>Name</c> equals <c>Value</c> are skipped (vLLM's
    /// <c>engine_sleep_state</c> has one series per state; the asleep flag counts every state but <c>awake</c>).
    /// </summary>
    public (string Name, string Value)? SkipSourceLabel { get; init; }

    /// <summary>
    /// When set, the value is derived at ingest from several inputs (<see cref="Inputs"/>) by this formula and stored as
    /// a gauge; <see cref="MetricDefinition.SourceSeries"/> then lists every input's series, for humans.
    /// </summary>
    public DerivedFormula? Formula { get; init; }

    /// <summary>The inputs of a derived metric, in the order its <see cref="Formula"/> names them.</summary>
    public IReadOnlyList<MetricInput> Inputs { get; init; } = [];
}
