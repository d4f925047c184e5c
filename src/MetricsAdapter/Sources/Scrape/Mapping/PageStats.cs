namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>What the last page mapped held that the scrape must report (values dropped are never silent).</summary>
/// <param name="Series">Served series the page yielded.</param>
/// <param name="Duplicates">Samples dropped because an identical series came earlier on the page (the first is kept).</param>
/// <param name="SeriesLimitReached">The page would yield more than <see cref="PageMapper.MaxSeriesPerPage"/> series: nothing was kept.</param>
internal readonly record struct PageStats(int Series, int Duplicates, bool SeriesLimitReached);
