namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// Which <see cref="SeriesGroup"/> a sample feeds: one served metric (and, for a derived one, one of its inputs), one
/// pod, one model (ordinal string equality).
/// </summary>
internal readonly record struct GroupKey(int Metric, int Input, string? Namespace, string? Pod, string? Model);
