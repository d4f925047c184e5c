using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>The served series one page yields for one pod (the target itself, or a pod a GPU exporter names).</summary>
internal sealed record MappedPod(ObjectKey Pod, IReadOnlyList<SeriesSample> Series);
