namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// The one mutable cell per pod: a reference to its current immutable <see cref="PodMetrics"/>. Scrapers swap it
/// atomically; readers read it once per request without a lock, so a reply is as fresh as the last scrape.
/// </summary>
internal sealed class PodSlot
{
    private PodMetrics _metrics = PodMetrics.Empty;

    public PodMetrics Metrics => Volatile.Read(ref _metrics);

    public void Set(PodMetrics metrics) => Volatile.Write(ref _metrics, metrics);
}
