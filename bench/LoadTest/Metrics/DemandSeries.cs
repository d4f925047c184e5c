namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// The adapter's store for the demand metrics: per pod the scrapes of the last <see cref="DemandWindows.Longest"/>
/// seconds, so each pod's values are computed on read over its window: rates over <see cref="DemandWindows.RateSeconds"/>
/// (one scrape interval: the last two scrapes, as the adapter computes them), arrivals over
/// <see cref="DemandWindows.ArrivalSeconds"/> and TTFT/ITL means over <see cref="DemandWindows.LatencySeconds"/>. The
/// base of a window is the newest scrape at least that old; until one is, the pod serves no rates and no means (never
/// a guess), except arrivals, which are then over the pod's life so far (as the adapter's <c>CounterWindow</c> with
/// <c>shorterAtFirst</c>). The adapter keeps a page per window/8, so its arrival window is 30–34 s where this one is
/// 30–32 s. A pod missing from a scrape (loading, gone) is dropped, as the adapter drops its series.
/// </summary>
internal sealed class DemandSeries(DemandWindows windows)
{
    private readonly Dictionary<string, List<VllmSample>> _pods = new(StringComparer.Ordinal);

    /// <summary>Folds in what a scrape made visible; a snapshot already seen (a pipeline repeating it) changes nothing.</summary>
    public void Observe(MetricSnapshot visible)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in visible.Vllm)
        {
            seen.Add(sample.PodName);
            if (!_pods.TryGetValue(sample.PodName, out var history))
            {
                _pods[sample.PodName] = [sample];
                continue;
            }

            if (sample.At <= history[^1].At)
            {
                continue;
            }

            history.Add(sample);
            // Keep one scrape at least the longest window old: the base of that window.
            var keepFrom = history.FindLastIndex(s => sample.At - s.At >= windows.Longest);
            if (keepFrom > 0)
            {
                history.RemoveRange(0, keepFrom);
            }
        }

        foreach (var gone in _pods.Keys.Where(p => !seen.Contains(p)).ToList())
        {
            _pods.Remove(gone);
        }
    }

    /// <summary>The demand metrics of every pod whose rate window is full, in pod-name order.</summary>
    public IReadOnlyList<PodDemand> Read()
    {
        var pods = new List<PodDemand>();
        foreach (var (_, history) in _pods.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var last = history[^1];
            if (Base(history, windows.RateSeconds) is { } rateBase
                && PodDemand.Between(rateBase, last, Base(history, windows.ArrivalSeconds) ?? history[0], Base(history, windows.LatencySeconds)) is { } demand)
            {
                pods.Add(demand);
            }
        }

        return pods;
    }

    // The newest scrape at least `seconds` before the last (a small slack absorbs the scrape loop's float steps).
    private static VllmSample? Base(List<VllmSample> history, double seconds)
    {
        var last = history[^1].At;
        for (var i = history.Count - 2; i >= 0; i--)
        {
            if (last - history[i].At >= seconds - 1e-6)
            {
                return history[i];
            }
        }

        return null;
    }
}
