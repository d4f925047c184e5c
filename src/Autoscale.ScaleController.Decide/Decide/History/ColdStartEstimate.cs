using System.Globalization;
using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// Nearest-rank percentiles of the history: total and, for the event text and metrics, each phase on its own (the
/// phase percentiles need not add up to the total's). The node parts of scheduling (provisioning, start-up) are
/// over the <see cref="NodeSamples"/> samples that waited for a new node, null when none did.
/// </summary>
public sealed record ColdStartEstimate(
    int Samples,
    int Percentile,
    int TotalSeconds,
    int SchedulingSeconds,
    int PullSeconds,
    int LoadSeconds,
    int NodeSamples = 0,
    int? NodeProvisionSeconds = null,
    int? NodeStartupSeconds = null)
{
    /// <summary>Null while the history holds fewer than <c>minSamples</c>: the configured default applies.</summary>
    public static ColdStartEstimate? From(ColdStartHistory history, ColdStartPolicy policy) =>
        history.Samples.Count == 0 || history.Samples.Count < policy.MinSamples ? null : At(history, policy.Percentile);

    /// <summary>Any percentile of a non-empty history (the metrics also show the median); null when empty.</summary>
    public static ColdStartEstimate? At(ColdStartHistory history, int percentile)
    {
        var samples = history.Samples;
        if (samples.Count == 0)
        {
            return null;
        }

        var split = samples.Where(s => s.Node is not null).Select(s => s.Node!).ToList();
        return new ColdStartEstimate(
            samples.Count,
            percentile,
            Rank(samples.Select(s => s.TotalSeconds), percentile),
            Rank(samples.Select(s => s.SchedulingSeconds), percentile),
            Rank(samples.Select(s => s.PullSeconds), percentile),
            Rank(samples.Select(s => s.LoadSeconds), percentile),
            split.Count,
            split.Count == 0 ? null : Rank(split.Select(n => n.ProvisionSeconds), percentile),
            split.Count == 0 ? null : Rank(split.Select(n => n.StartupSeconds), percentile));
    }

    /// <summary>The scheduling phase for people: with its node parts when some samples waited for a new node.</summary>
    public string SchedulingText() => NodeSamples == 0
        ? string.Create(CultureInfo.InvariantCulture, $"scheduling {SchedulingSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"scheduling {SchedulingSeconds}s (of which, in {NodeSamples} waiting for a new node, node provisioning {NodeProvisionSeconds}s, node start-up {NodeStartupSeconds}s)");

    private static int Rank(IEnumerable<int> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
