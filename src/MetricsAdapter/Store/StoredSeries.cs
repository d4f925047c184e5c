namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// The last and the previous sample of one series: enough for gauges and for rates computed on read, so memory per
/// series is bounded (metrics-server keeps the same two points).
/// </summary>
internal sealed record StoredSeries(string Metric, IReadOnlyDictionary<string, string> Labels, Sample Last, Sample? Previous)
{
    /// <summary>Per-second increase from Previous to Last; a counter reset counts from zero as Prometheus' rate does.</summary>
    public bool TryGetRate(out double perSecond, out int windowSeconds)
    {
        perSecond = 0;
        windowSeconds = 0;
        if (Previous is not { } previous)
        {
            return false;
        }

        var seconds = (Last.Timestamp - previous.Timestamp).TotalSeconds;
        if (seconds <= 0)
        {
            return false;
        }

        var increase = Last.Value >= previous.Value ? Last.Value - previous.Value : Last.Value;
        perSecond = increase / seconds;
        windowSeconds = Math.Max(1, (int)Math.Round(seconds));
        return double.IsFinite(perSecond);
    }
}
