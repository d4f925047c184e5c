using System.Globalization;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// One line per row saying where a policy lost: when (start transient, capped at max nodes), which part of the SLO,
/// and what it paid against the SLO-feasible bound.
/// </summary>
internal static class LossExplanation
{
    public static string Explain(SloScore score, int maxNodes, double warmupSeconds, double costVsFeasibleBound = double.NaN)
    {
        var misses = score.Misses;
        var cost = double.IsNaN(costVsFeasibleBound) ? "" : Invariant($"; it cost {costVsFeasibleBound:0.00} × the SLO-feasible bound");
        if (misses.Total == 0)
        {
            return "no misses: every servable request met both parts of the SLO" + cost;
        }

        var parts = new List<string>();
        AddPart(parts, misses.TtftOnly, misses.Total, "TTFT only");
        AddPart(parts, misses.TpotOnly, misses.Total, "TPOT only");
        AddPart(parts, misses.Both, misses.Total, "TTFT and TPOT");
        AddPart(parts, misses.Dropped, misses.Total, "dropped");
        var when = new List<string>();
        if (misses.InStartTransient > 0)
        {
            when.Add(Invariant($"{Share(misses.InStartTransient, misses.Total)} arrived in the start transient (first {warmupSeconds / 60:0} min)"));
        }

        if (misses.WhileCapped > 0)
        {
            when.Add(Invariant($"{Share(misses.WhileCapped, misses.Total)} while it asked for the cap of {maxNodes} nodes"));
        }

        if (when.Count == 0)
        {
            when.Add(Invariant($"all after the first {warmupSeconds / 60:0} min and below the node cap: its decisions"));
        }

        return Invariant($"missed {misses.Total} of {score.Servable} ({(double)misses.Total / Math.Max(1, score.Servable):P1}): {string.Join("; ", when)}; by part {string.Join(", ", parts)}{cost}");
    }

    private static void AddPart(List<string> parts, int count, int total, string label)
    {
        if (count > 0)
        {
            parts.Add($"{label} {Share(count, total)}");
        }
    }

    /// <summary>A whole-percent share; a share that rounds to 0 but is not empty reads "&lt;1 %".</summary>
    private static string Share(int count, int total) =>
        count > 0 && (double)count / total < 0.005 ? "<1 %" : ((double)count / total).ToString("P0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
