using Autoscale.ScaleController.Decide.Planner;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.ScaleController.Tests.Decide.Planner;

/// <summary>
/// Ground truth for a fleet model of the capacity (docs/design/planner-fleet-tpot.md): N emulated replicas behind the
/// simulator's router rule (each request to the replica with the fewest in flight), in virtual time, and the largest
/// Poisson rate at which 99 % of requests meet the benchmark SLO. <see cref="EmulatedReplica"/> is the N = 1 case with
/// a lone replica; here the router can send a prompt to an idle replica, so short answers elsewhere are not interrupted.
/// </summary>
internal static class EmulatedFleet
{
    /// <summary>Share of requests (after a warm-up tenth) meeting the SLO at a Poisson rate over the whole fleet, fixed seed.</summary>
    public static double Attainment(ReplicaProfile profile, int replicas, Func<Random, (int Prompt, int Output)> draw, double rate, int requests, int seed)
    {
        var slo = PlannerSlo.Default;
        var tpotLimit = Math.Max(slo.TpotFloorSeconds, slo.TpotFactor * EmulatedReplica.Isolated(profile, 1_000).Itl);
        var isolatedTtft = new Dictionary<int, double>();
        var inFlight = new int[replicas];
        int met = 0, counted = 0, warmUp = requests / 10;
        var models = new ReplicaModel[replicas];
        for (var i = 0; i < replicas; i++)
        {
            var index = i;
            models[i] = new ReplicaModel(profile, outcome =>
            {
                inFlight[index]--;
                if (outcome.Id < warmUp)
                {
                    return;
                }

                counted++;
                if (!isolatedTtft.TryGetValue(outcome.PromptTokens, out var alone))
                {
                    alone = EmulatedReplica.Isolated(profile, outcome.PromptTokens).Ttft;
                    isolatedTtft[outcome.PromptTokens] = alone;
                }

                var tpot = (outcome.FinishedSeconds - outcome.FirstTokenSeconds) / Math.Max(1, outcome.OutputTokens - 1);
                if (outcome.TimeToFirstTokenSeconds <= Math.Max(slo.TtftFloorSeconds, slo.TtftFactor * alone) && tpot <= tpotLimit)
                {
                    met++;
                }
            });
        }

        var random = new Random(seed);
        var t = 0.0;
        for (var id = 0; id < requests; id++)
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            foreach (var model in models)
            {
                model.AdvanceTo(t);
            }

            var least = 0;
            for (var i = 1; i < replicas; i++)
            {
                least = inFlight[i] < inFlight[least] ? i : least;
            }

            var (prompt, output) = draw(random);
            inFlight[least]++;
            models[least].Submit(new RequestArrival(id, t, prompt, output));
        }

        foreach (var model in models)
        {
            model.AdvanceTo(t + 3_600);
        }

        return counted == 0 ? 0 : (double)met / counted;
    }

    /// <summary>The largest fleet rate with ≥ 99 % attainment, bisected between the bounds given.</summary>
    public static double SloCapacity(ReplicaProfile profile, int replicas, Func<Random, (int Prompt, int Output)> draw, double low, double high)
    {
        for (var i = 0; i < 10; i++)
        {
            var mid = (low + high) / 2;
            if (Attainment(profile, replicas, draw, mid, 3_000, seed: 7) >= 0.99)
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

    /// <summary>Request lengths drawn from the Azure 2023 code trace (prompts to 4,000 tokens, rounded up to 10).</summary>
    public static Func<Random, (int Prompt, int Output)> CodeTrace() => CodeTrace(out _);

    /// <summary>As <see cref="CodeTrace()"/>, with the draws' mean lengths as the planner would read them (spreads of 1).</summary>
    public static Func<Random, (int Prompt, int Output)> CodeTrace(out DemandShape shape)
    {
        var rows = File.ReadAllLines(Path.Combine(Autoscale.Testing.Repo.Root, "bench/LoadTest/traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Prompt: int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), Output: int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(r => r.Prompt <= 4_000 && r.Output >= 1)
            .ToArray();
        shape = new DemandShape(rows.Average(r => (r.Prompt / 10 * 10) + 10.0), rows.Average(r => Math.Max(2.0, r.Output)), 1, 1);
        return random =>
        {
            var row = rows[random.Next(rows.Length)];
            return ((row.Prompt / 10 * 10) + 10, Math.Max(2, row.Output));
        };
    }
}
