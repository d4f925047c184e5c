using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// Nearest-rank percentiles of the history: total and, for the event text, each phase on its own (the phase
/// percentiles need not add up to the total's).
/// </summary>
internal sealed record ColdStartEstimate(int Samples, int Percentile, int TotalSeconds, int SchedulingSeconds, int PullSeconds, int LoadSeconds)
{
    /// <summary>Null while the history holds fewer than <c>minSamples</c>: the configured default applies.</summary>
    public static ColdStartEstimate? From(ColdStartHistory history, ColdStartPolicy policy)
    {
        var samples = history.Samples;
        if (samples.Count == 0 || samples.Count < policy.MinSamples)
        {
            return null;
        }

        return new ColdStartEstimate(
            samples.Count,
            policy.Percentile,
            Rank(samples.Select(s => s.TotalSeconds), policy.Percentile),
            Rank(samples.Select(s => s.SchedulingSeconds), policy.Percentile),
            Rank(samples.Select(s => s.PullSeconds), policy.Percentile),
            Rank(samples.Select(s => s.LoadSeconds), policy.Percentile));
    }

    private static int Rank(IEnumerable<int> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
