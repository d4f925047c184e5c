namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>Which <see cref="SeriesGroup"/> a sample feeds: one served metric, one pod, one model (ordinal string equality).</summary>
internal readonly record struct GroupKey(int Metric, string? Namespace, string? Pod, string? Model);
