namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// A few past snapshots of a handful of totals of one target (counters, histogram <c>_sum</c>/<c>_count</c>, and
/// gauges whose change is wanted), so that an increase "over the last window" can be computed at ingest and the store
/// stays a last-two-points store. As <see cref="HistogramHistory"/>: a snapshot is kept only when the newest kept one
/// is at least window/8 older; the base of a delta is the newest snapshot at least a window old, and until one is that
/// old there is no value (never a guess), unless <paramref name="shorterAtFirst"/>: then, until one is, the oldest
/// snapshot is the base (a rate over the target's life so far, as Prometheus' <c>rate</c> over a range the series
/// does not fill yet). A window of zero is "since the previous scrape".
/// </summary>
internal sealed class CounterWindow(TimeSpan window, bool shorterAtFirst = false)
{
    private readonly List<(DateTimeOffset At, double[] Totals)> _snapshots = [];

    // A dropped snapshot's array, reused for the next one: in steady state a window allocates nothing.
    private double[]? _spare;

    /// <summary>Generation of the last page these totals were seen on; unseen windows are dropped.</summary>
    public int Seen { get; set; }

    /// <summary>
    /// Records <paramref name="totals"/> at <paramref name="now"/> and gives their change since the base snapshot.
    /// The first <paramref name="counters"/> totals are counters: when one is below its base the target restarted, and
    /// every total's change is then its value since the restart (counters and gauges start from 0, as Prometheus' rate
    /// counts a reset from zero). The rest are gauges, whose change may be negative.
    /// </summary>
    /// <returns>False when no snapshot is old enough yet.</returns>
    public bool TryDelta(DateTimeOffset now, ReadOnlySpan<double> totals, int counters, Span<double> delta, out TimeSpan elapsed)
    {
        elapsed = TimeSpan.Zero;
        if (_snapshots.Count > 0 && _snapshots[^1].Totals.Length != totals.Length)
        {
            _snapshots.Clear();
        }

        int baseIndex = -1;
        for (int i = _snapshots.Count - 1; i >= 0; i--)
        {
            if (now > _snapshots[i].At && now - _snapshots[i].At >= window)
            {
                baseIndex = i;
                break;
            }
        }

        if (baseIndex < 0 && shorterAtFirst && _snapshots.Count > 0 && now > _snapshots[0].At)
        {
            baseIndex = 0;
        }

        bool found = baseIndex >= 0;
        if (found)
        {
            (DateTimeOffset at, double[] old) = _snapshots[baseIndex];
            bool reset = false;
            for (int i = 0; i < counters; i++)
            {
                reset |= totals[i] < old[i];
            }

            for (int i = 0; i < totals.Length; i++)
            {
                delta[i] = reset ? totals[i] : totals[i] - old[i];
            }

            elapsed = now - at;
            if (baseIndex > 0)
            {
                _spare = _snapshots[0].Totals;
                _snapshots.RemoveRange(0, baseIndex);
            }
        }

        if (_snapshots.Count == 0 || (now > _snapshots[^1].At && now - _snapshots[^1].At >= window / 8))
        {
            double[] kept = _spare is { } spare && spare.Length == totals.Length ? spare : new double[totals.Length];
            _spare = null;
            totals.CopyTo(kept);
            _snapshots.Add((now, kept));
        }

        return found;
    }
}
