using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>
/// Ground truth for the capacity model: the emulator's replica model run in virtual time. Maps an emulator profile
/// to the seed an SRE would write, and measures the largest Poisson rate whose requests meet the benchmark's SLO.
/// </summary>
internal static class EmulatedReplica
{
    public static ReplicaServiceProfile Seed(ReplicaProfile profile) => new()
    {
        PrefillSecondsPerToken = profile.StepPerPrefillTokenSeconds,
        PrefillAttentionPerContextToken = profile.PrefillAttentionPerContextToken,
        DecodeStepBaseSeconds = profile.StepBaseSeconds,
        DecodeStepPerSequenceSeconds = profile.StepPerDecodeSequenceSeconds,
        DecodeStepPerContextTokenSeconds = profile.DecodeKvReadSecondsPerContextToken,
        KvCacheTokens = profile.KvCacheTokens,
        MaxSequences = profile.MaxNumSeqs,
        MaxBatchedTokens = profile.MaxNumBatchedTokens,
        BlockSize = profile.BlockSize,
    };

    /// <summary>A request's TTFT alone on an idle replica, and the idle ITL of the benchmark's 1,000 + 101 request.</summary>
    public static (double Ttft, double Itl) Isolated(ReplicaProfile profile, int promptTokens)
    {
        var ttft = RunAlone(profile, promptTokens, 1);
        var itl = RunAlone(profile, 1_000, 101);
        return (ttft.TimeToFirstTokenSeconds, (itl.FinishedSeconds - itl.FirstTokenSeconds) / 100);
    }

    /// <summary>
    /// Share of requests (after a warm-up tenth) meeting TTFT ≤ max(floor, k × isolated) and TPOT ≤ max(floor,
    /// k' × idle ITL) at a Poisson rate, fixed seed, all requests of the given shape.
    /// </summary>
    public static double Attainment(ReplicaProfile profile, PlannerSlo slo, int prompt, int output, double rate, int requests, int seed)
    {
        var (isoTtft, idleItl) = Isolated(profile, prompt);
        var ttftLimit = Math.Max(slo.TtftFloorSeconds, slo.TtftFactor * isoTtft);
        var tpotLimit = Math.Max(slo.TpotFloorSeconds, slo.TpotFactor * idleItl);
        var met = 0;
        var counted = 0;
        var warmUp = requests / 10;
        var model = new ReplicaModel(profile, outcome =>
        {
            if (outcome.Id < warmUp)
            {
                return;
            }

            counted++;
            var tpot = (outcome.FinishedSeconds - outcome.FirstTokenSeconds) / Math.Max(1, outcome.OutputTokens - 1);
            if (outcome.TimeToFirstTokenSeconds <= ttftLimit && tpot <= tpotLimit)
            {
                met++;
            }
        });
        var random = new Random(seed);
        var t = 0.0;
        for (var id = 0; id < requests; id++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            model.Submit(new RequestArrival(id, t, prompt, output));
        }

        model.AdvanceTo(t + 3_600);
        return counted == 0 ? 0 : (double)met / counted;
    }

    /// <summary>The largest rate with ≥ <paramref name="target"/> attainment, bisected between the bounds given.</summary>
    public static double SloCapacity(ReplicaProfile profile, PlannerSlo slo, int prompt, int output, double low, double high, double target = 0.99)
    {
        for (var i = 0; i < 12; i++)
        {
            var mid = (low + high) / 2;
            if (Attainment(profile, slo, prompt, output, mid, 4_000, seed: 7) >= target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static RequestOutcome RunAlone(ReplicaProfile profile, int prompt, int output)
    {
        RequestOutcome? done = null;
        var model = new ReplicaModel(profile, o => done = o);
        model.Submit(new RequestArrival(0, 0, prompt, output));
        for (var t = 1.0; done is null; t *= 2)
        {
            model.AdvanceTo(t);
        }

        return done.Value;
    }
}
