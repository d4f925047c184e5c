using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// Judges every request of a run against its own SLO limits. Requests the server refuses (longer than
/// max_model_len) are counted apart as a deployment error and are in no attainment; a servable request that was
/// dropped (router timeout, killed replica, end of run) misses both parts.
/// </summary>
internal static class SloScorer
{
    public static SloScore Score(Trace trace, RunResult run, RequestSlo slo, int maxNodes, double warmupSeconds)
    {
        var ledger = run.Requests;
        var (servable, refused, met, ttftMet, tpotMet, dropped) = (0, 0, 0, 0, 0, 0);
        var (afterWarmup, metAfterWarmup) = (0, 0);
        var (droppedMiss, ttftOnly, tpotOnly, both, transient, capped) = (0, 0, 0, 0, 0, 0);
        var ttfts = new List<double>(trace.Requests.Count);
        var tpots = new List<double>(trace.Requests.Count);
        var byArrival = new List<(double, double)>(trace.Requests.Count);
        foreach (var request in trace.Requests)
        {
            if (!ledger.HasArrived(request.Id))
            {
                continue;
            }

            if (!slo.IsServable(request))
            {
                refused++;
                continue;
            }

            servable++;
            var at = ledger.ArrivalOf(request.Id);
            var late = at >= warmupSeconds;
            afterWarmup += late ? 1 : 0;
            bool okTtft, okTpot;
            if (ledger.IsServed(request.Id))
            {
                var ttft = ledger.TtftOf(request.Id);
                var decode = ledger.DecodeSecondsOf(request.Id);
                ttfts.Add(ttft);
                byArrival.Add((at, ttft));
                if (request.OutputTokens > 1)
                {
                    tpots.Add(RequestSlo.Tpot(decode, request.OutputTokens));
                }

                okTtft = slo.MeetsTtft(request, ttft);
                okTpot = slo.MeetsTpot(request, decode);
            }
            else
            {
                dropped++;
                (okTtft, okTpot) = (false, false);
            }

            ttftMet += okTtft ? 1 : 0;
            tpotMet += okTpot ? 1 : 0;
            if (okTtft && okTpot)
            {
                met++;
                metAfterWarmup += late ? 1 : 0;
                continue;
            }

            if (!ledger.IsServed(request.Id))
            {
                droppedMiss++;
            }
            else if (!okTtft && !okTpot)
            {
                both++;
            }
            else if (!okTtft)
            {
                ttftOnly++;
            }
            else
            {
                tpotOnly++;
            }

            transient += late ? 0 : 1;
            capped += AskedForMax(run.Series, at, maxNodes) ? 1 : 0;
        }

        return new SloScore(
            servable, refused, met, ttftMet, tpotMet, dropped,
            afterWarmup == 0 ? 1 : (double)metAfterWarmup / afterWarmup,
            ttfts, tpots, byArrival,
            new MissBreakdown(servable - met, droppedMiss, ttftOnly, tpotOnly, both, transient, capped));
    }

    /// <summary>Whether the last fleet sample at or before <paramref name="at"/> had the policy asking for the node cap.</summary>
    private static bool AskedForMax(IReadOnlyList<TimePoint> series, double at, int maxNodes)
    {
        var (low, high) = (0, series.Count - 1);
        var found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (series[mid].At <= at)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found >= 0 && series[found].Desired >= maxNodes;
    }
}
