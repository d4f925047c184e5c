namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// A fluid (mean-value) model of one continuously batching replica, and from it the largest request rate that keeps
/// the SLO. At rate λ with mean prompt P and output O:
/// prefill takes the share ρ = λ·prefill(P) of engine time; the other 1 − ρ runs decode steps of
/// s(n) = b + d·n for n running sequences, so TPOT = s(n) / (1 − ρ); Little's law gives n = λ·O·TPOT, hence
/// n = λ·O·b / (1 − ρ − λ·O·d). A new prompt shares steps with the batch in chunks of (budget − n) tokens, so its
/// TTFT ≈ ⌈P / (budget − n)⌉·s(n) + prefill(P). All of these grow with λ, so the capacity is found by bisection
/// as the largest λ with TPOT and TTFT within the SLO, n within max-num-seqs and n × mean context within the KV
/// cache. Arrivals are random, not fluid, so a mean at a limit would mean a queue half the time: the number of
/// requests in service at a rate is close to Poisson (an M/G/∞ count), so the batch limits must hold at a high
/// percentile of it: max-num-seqs at n + <see cref="BatchQuantileZ"/>·√n, the KV cache at n·c̄ + z·√(n·E[c²]) with
/// c the KV of one sequence (its spread from <see cref="DemandShape"/>); the latency limits use <see cref="Utilization"/>
/// of the limit. The online correction, learnt from the pods' ITL, multiplies the decode step costs (the engine's
/// decode is that much slower or faster than its seed) and the SLO's factor-based limits' step parts with them (they
/// are defined on the same replica alone); prefill costs stay the seed's, which the ITL does not measure.
/// </summary>
internal static class ReplicaCapacity
{
    /// <summary>
    /// The share of the TPOT and TTFT limits the mean may use: a 10 % margin for the spread around the mean. With it
    /// the TPOT-bound 70B TP4 profile lands 6 % above the emulated replica's measured 99 %-attainment rate
    /// (ReplicaCapacityTests); not tuned further.
    /// </summary>
    public const double Utilization = 0.9;

    /// <summary>
    /// Standard deviations of batch size and KV the limits must absorb. 4 rather than the 99th percentile's 2.33:
    /// a batch over the KV limit preempts and recomputes running requests, which misses the SLO for several at once,
    /// and small batches' counts and KV sums are skewed, so the normal tail is too thin. Measured against the
    /// emulated KV-bound A10G replica: 2.33 overestimated its capacity by 16 % on fixed-length requests, 3 by 21 %
    /// on exponential lengths; 4 is within 12 % on both (ReplicaCapacityTests).
    /// </summary>
    public const double BatchQuantileZ = 4;

    /// <summary>The benchmark's idle-ITL reference request: a 1,000-token prompt decoding 100 tokens alone.</summary>
    private const double IdleItlContextTokens = 1_000 + 50;

    private const int BisectionSteps = 60;

    /// <summary>
    /// The inter-token latency the seed predicts, uncorrected, with <paramref name="running"/> sequences of the shape
    /// while requests arrive at <paramref name="requestsPerSecond"/>: the decode step stretched by the prefill share of
    /// engine time, as the pods' ITL histograms see it (prefill chunks ride in the same steps).
    /// </summary>
    public static double PredictedItlSeconds(ReplicaServiceProfile profile, DemandShape shape, double running, double requestsPerSecond)
    {
        var prefillShare = Math.Clamp(requestsPerSecond * profile.PrefillSeconds(shape.MeanPromptTokens), 0, 0.9);
        return profile.DecodeStepSeconds(Math.Max(1, running), shape.MeanContextTokens) / (1 - prefillShare);
    }

    /// <summary>
    /// The mean TTFT the seed predicts for prompts of the shape (mean and spread) arriving at
    /// <paramref name="requestsPerSecond"/> per replica, each replica running <paramref name="running"/> sequences, in
    /// two parts, as the pods' TTFT histograms see it at light load. <c>Steps</c>: the prompt's chunks, each riding one
    /// decode step (corrected by <paramref name="decodeCorrection"/>), and the rest of the step it arrived in.
    /// <c>Prefill</c>: its own prefill, whose mean over the lengths carries the attention term's E[P²], plus the wait
    /// behind other prompts' prefill, the Pollaczek–Khinchine mean λ·E[S²] ÷ (2(1 − ρ)) divided among the
    /// <paramref name="replicas"/> behind the router, which sends a prompt to the replica with the fewest in flight and
    /// so mostly to one that is not prefilling (in the simulator with an exact seed, fleets of 4–60 replicas, observed ÷
    /// predicted TTFT was 0.95–1.05 without the wait where prefill takes at most 30 % of engine time, 0.66–0.92 with the
    /// whole of it; bench/RESULTS.md, "Prefill corrected from the TTFT"). Null at or above prefill saturation.
    /// </summary>
    public static (double Steps, double Prefill)? TtftParts(
        ReplicaServiceProfile profile, DemandShape shape, double running, double requestsPerSecond, int replicas, double decodeCorrection = 1)
    {
        var (mean, square) = PrefillMoments(profile, shape);
        var rate = Math.Max(0, requestsPerSecond);
        var rho = rate * mean;
        if (rho >= 1 || !double.IsFinite(rho))
        {
            return null;
        }

        var step = decodeCorrection * profile.DecodeStepSeconds(Math.Max(0, running), shape.MeanContextTokens);
        // A prompt that arrives mid-step waits for that step to end: half a step on average while anything runs.
        var residual = Math.Min(1, Math.Max(0, running)) / 2;
        var chunks = Math.Ceiling(shape.MeanPromptTokens / profile.MaxBatchedTokens);
        var wait = rate * square / (2 * (1 - rho)) / Math.Max(1, replicas);
        return ((chunks + residual) * step, mean + wait);
    }

    /// <summary>
    /// E[S] and E[S²] of one prompt's prefill seconds over the shape's lengths: S = a·P·(1 + c·(P − 1)/2) is taken as
    /// spread like the length (cv of S = the prompt's cv), its mean from E[P] and E[P²].
    /// </summary>
    public static (double Mean, double Square) PrefillMoments(ReplicaServiceProfile profile, DemandShape shape)
    {
        var p = shape.MeanPromptTokens;
        var p2 = p * p * (1 + (shape.PromptCv * shape.PromptCv));
        var a = profile.PrefillSecondsPerToken;
        var mean = (a * p) + (a * profile.PrefillAttentionPerContextToken * (p2 - p) / 2);
        return (mean, mean * mean * (1 + (shape.PromptCv * shape.PromptCv)));
    }

    /// <summary>
    /// The TTFT of a prompt alone on an idle replica: its chunks, each a step with the base cost (corrected) plus its
    /// prefill (the seed's).
    /// </summary>
    public static double IsolatedTtftSeconds(ReplicaServiceProfile profile, double promptTokens, double correction = 1) =>
        (correction * Math.Ceiling(promptTokens / profile.MaxBatchedTokens) * profile.DecodeStepBaseSeconds)
            + profile.PrefillSeconds(promptTokens);

    public static double IdleItlSeconds(ReplicaServiceProfile profile, double correction = 1) =>
        correction * profile.DecodeStepSeconds(1, IdleItlContextTokens);

    /// <summary>
    /// The model's replica at <paramref name="requestsPerSecond"/>: prefill takes ρ = λ·prefill(P) of engine time, and
    /// Little's law over the rest gives n = λ·O·b / (1 − ρ − λ·O·d) sequences decoding at a step of b + d·n. Null at
    /// or above saturation (prefill and decode work exceed engine time).
    /// </summary>
    public static ReplicaLoad? LoadAt(ReplicaServiceProfile profile, DemandShape shape, double correction, double requestsPerSecond)
    {
        var prefill = profile.PrefillSeconds(shape.MeanPromptTokens);
        var perSequence = correction * (profile.DecodeStepPerSequenceSeconds + (profile.DecodeStepPerContextTokenSeconds * shape.MeanContextTokens));
        var prefillShare = requestsPerSecond * prefill;
        var free = 1 - prefillShare - (requestsPerSecond * shape.MeanOutputTokens * perSequence);
        if (free <= 0)
        {
            return null;
        }

        var baseStep = correction * profile.DecodeStepBaseSeconds;
        var running = requestsPerSecond * shape.MeanOutputTokens * baseStep / free;
        return new ReplicaLoad(prefill, prefillShare, running, baseStep + (perSequence * running));
    }

    public static CapacityEstimate Estimate(ReplicaServiceProfile profile, PlannerSlo slo, DemandShape shape, double correction = 1)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(shape);
        if (profile.Invalid() is { } field)
        {
            throw new ArgumentException($"invalid replica profile field {field}", nameof(profile));
        }

        if (!shape.IsValid || !(correction > 0) || !double.IsFinite(correction))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), "demand shape and correction must be positive");
        }

        var tpotLimit = Math.Max(slo.TpotFloorSeconds, slo.TpotFactor * IdleItlSeconds(profile, correction));
        var ttftLimit = Math.Max(slo.TtftFloorSeconds, slo.TtftFactor * IsolatedTtftSeconds(profile, shape.MeanPromptTokens, correction));

        // Above this rate prefill plus decode work exceeds engine time even with an unbounded batch.
        var prefill = profile.PrefillSeconds(shape.MeanPromptTokens);
        var perSequence = correction * (profile.DecodeStepPerSequenceSeconds + (profile.DecodeStepPerContextTokenSeconds * shape.MeanContextTokens));
        var saturation = 1 / (prefill + (shape.MeanOutputTokens * perSequence));

        double low = 0, high = saturation;
        var best = Evaluate(0).Estimate;
        for (var i = 0; i < BisectionSteps; i++)
        {
            var mid = (low + high) / 2;
            var at = Evaluate(mid);
            if (at.Bound is null)
            {
                low = mid;
                best = at.Estimate;
            }
            else
            {
                high = mid;
            }
        }

        // The limit hit just above the capacity is the one that bounds it.
        var binding = Evaluate(Math.Min(saturation, low * 1.0001 + 1e-9)).Bound ?? "saturation";
        return best with { RequestsPerSecond = low, Bound = binding };

        (CapacityEstimate Estimate, string? Bound) Evaluate(double rate)
        {
            if (LoadAt(profile, shape, correction, rate) is not { } load)
            {
                return (new CapacityEstimate(rate, "saturation", double.PositiveInfinity, double.PositiveInfinity, tpotLimit,
                    double.PositiveInfinity, ttftLimit, correction), "saturation");
            }

            var (running, step) = (load.Running, load.StepSeconds);
            var tpot = step / (1 - load.PrefillShare);
            var chunk = Math.Max(1, profile.MaxBatchedTokens - running);
            var ttft = (Math.Ceiling(shape.MeanPromptTokens / chunk) * step) + prefill;
            var peak = running + (BatchQuantileZ * Math.Sqrt(running));
            var bound =
                peak > profile.MaxSequences ? "max-seqs"
                : PeakKvTokens(running) > profile.KvCacheTokens ? "kv"
                : tpot > Utilization * tpotLimit ? "tpot"
                : ttft > Utilization * ttftLimit ? "ttft"
                : null;
            return (new CapacityEstimate(rate, bound ?? "none", running, tpot, tpotLimit, ttft, ttftLimit, correction), bound);
        }

        // Σ KV over a Poisson number of sequences: mean n·c̄, variance n·E[c²]; KV is allocated in whole blocks.
        double PeakKvTokens(double running)
        {
            var mean = shape.MeanContextTokens + (profile.BlockSize / 2.0);
            var secondMoment = (mean * mean) + (shape.ContextStandardDeviation * shape.ContextStandardDeviation);
            return (running * mean) + (BatchQuantileZ * Math.Sqrt(running * secondMoment));
        }
    }
}
