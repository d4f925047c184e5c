using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>
/// Ground truth for the capacity model: the emulator's replica model run in virtual time. Measures the largest
/// Poisson rate whose requests meet the benchmark's SLO (the seed is <see cref="EmulatorSeed"/>).
/// </summary>
internal static class EmulatedReplica
{
    /// <summary>A request's TTFT alone on an idle replica, and the idle ITL of the benchmark's 1,000 + 101 request.</summary>
    public static (double Ttft, double Itl) Isolated(ReplicaProfile profile, int promptTokens)
    {
        var ttft = RunAlone(profile, promptTokens, 1);
        var itl = RunAlone(profile, 1_000, 101);
        return (ttft.TimeToFirstTokenSeconds, (itl.FinishedSeconds - itl.FirstTokenSeconds) / 100);
    }

    /// <summary>Every request alike: the mean shape.</summary>
    public static Func<Random, (int Prompt, int Output)> Fixed(int prompt, int output) => _ => (prompt, output);

    /// <summary>
    /// Exponential prompt and output lengths with these means (coefficient of variation 1, ShareGPT-like spread),
    /// prompts rounded to 10 tokens so isolated TTFTs can be memoised, both clamped to stay servable.
    /// </summary>
    public static Func<Random, (int Prompt, int Output)> Exponential(int prompt, int output) => random =>
        (Math.Clamp((int)Math.Round(-Math.Log(1 - random.NextDouble()) * prompt / 10) * 10, 10, 4_000),
         Math.Clamp((int)Math.Round(-Math.Log(1 - random.NextDouble()) * output), 2, 2_000));

    /// <summary>
    /// Share of requests (after a warm-up tenth) meeting TTFT ≤ max(floor, k × its own isolated TTFT) and TPOT ≤
    /// max(floor, k' × idle ITL) at a Poisson rate, fixed seed.
    /// </summary>
    public static double Attainment(ReplicaProfile profile, PlannerSlo slo, Func<Random, (int Prompt, int Output)> draw, double rate, int requests, int seed)
    {
        var tpotLimit = Math.Max(slo.TpotFloorSeconds, slo.TpotFactor * Isolated(profile, 1_000).Itl);
        var isolatedTtft = new Dictionary<int, double>();
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
            if (!isolatedTtft.TryGetValue(outcome.PromptTokens, out var alone))
            {
                alone = RunAlone(profile, outcome.PromptTokens, 1).TimeToFirstTokenSeconds;
                isolatedTtft[outcome.PromptTokens] = alone;
            }

            var tpot = (outcome.FinishedSeconds - outcome.FirstTokenSeconds) / Math.Max(1, outcome.OutputTokens - 1);
            if (outcome.TimeToFirstTokenSeconds <= Math.Max(slo.TtftFloorSeconds, slo.TtftFactor * alone) && tpot <= tpotLimit)
            {
                met++;
            }
        });
        Replay(model, draw, rate, requests, seed);
        return counted == 0 ? 0 : (double)met / counted;
    }

    /// <summary>The largest rate with ≥ <paramref name="target"/> attainment, bisected between the bounds given.</summary>
    public static double SloCapacity(ReplicaProfile profile, PlannerSlo slo, Func<Random, (int Prompt, int Output)> draw, double low, double high, double target = 0.99)
    {
        for (var i = 0; i < 12; i++)
        {
            var mid = (low + high) / 2;
            if (Attainment(profile, slo, draw, mid, 4_000, seed: 7) >= target)
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

    /// <summary>
    /// The mean TTFT of <paramref name="requests"/> Poisson arrivals at <paramref name="rate"/> (after a warm-up tenth),
    /// and the mean count running when each arrives: what the pods' TTFT histogram and running gauge would show.
    /// </summary>
    public static (double Ttft, double Running) MeanTtft(ReplicaProfile profile, Func<Random, (int Prompt, int Output)> draw, double rate, int requests, int seed)
    {
        var warmUp = requests / 10;
        double ttftSum = 0, runningSum = 0;
        var counted = 0;
        var model = new ReplicaModel(profile, outcome =>
        {
            if (outcome.Id >= warmUp)
            {
                ttftSum += outcome.TimeToFirstTokenSeconds;
                counted++;
            }
        });
        Replay(model, draw, rate, requests, seed, () => runningSum += model.Running);
        return (ttftSum / Math.Max(1, counted), runningSum / requests);
    }

    /// <summary>
    /// Submits <paramref name="requests"/> Poisson arrivals at <paramref name="rate"/> with lengths from
    /// <paramref name="draw"/> and runs the model an hour past the last; with <paramref name="afterEach"/>, the model
    /// is advanced to each arrival and it is called there.
    /// </summary>
    private static void Replay(ReplicaModel model, Func<Random, (int Prompt, int Output)> draw, double rate, int requests, int seed, Action? afterEach = null)
    {
        var random = new Random(seed);
        var t = 0.0;
        for (var id = 0; id < requests; id++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            var (prompt, output) = draw(random);
            model.Submit(new RequestArrival(id, t, prompt, output));
            if (afterEach is not null)
            {
                model.AdvanceTo(t);
                afterEach();
            }
        }

        model.AdvanceTo(t + 3_600);
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
