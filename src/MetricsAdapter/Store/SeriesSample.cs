namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// What a source hands the store for one pod: a catalog metric, its metric labels (e.g. <c>model_name</c>), and the
/// value already aggregated across the pod's engines or GPUs.
/// </summary>
internal sealed record SeriesSample(string Metric, IReadOnlyDictionary<string, string> Labels, Sample Sample);
