using System.Globalization;
using Autoscale.Hpa;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The SLO planner for one workload, composing the pure parts: a new demand sample is folded into the forecaster
/// (arrival rate), the request shape (mean prompt and output tokens) and the capacity corrections (the ITL the pods
/// report against the ITL the seed predicts at their batch, for decode; their TTFT less its decode steps against the
/// seed's prefill of their prompts, for prefill); then the forecast at the learnt p90 cold start, the
/// capacity at the SLO (seed × correction, per replica and the fleet's TPOT tail: <see cref="FleetCapacity"/>) and the
/// replicas ready and starting go to <see cref="PlannerRecommender"/>. Publishes when the number changes or the
/// published one would soon go stale (every <see cref="RefreshSeconds"/>); with no recommendation, says why once and
/// persists the state every <see cref="PersistSeconds"/>.
/// </summary>
internal static class PlannerStep
{
    /// <summary>Well inside the adapter's default 180-second max age, and the contract's 60-second refresh.</summary>
    public const int RefreshSeconds = 30;

    /// <summary>How often the state is written while nothing is published: what a restart can lose.</summary>
    public const int PersistSeconds = 300;

    /// <summary>
    /// Time constant of the arrival rate the planner sizes for as demand now. The adapter's rates are over short
    /// windows (its last two scrapes, 2 s) read once a round, so a single sample is mostly Poisson noise (conv × 1 in
    /// the simulator swung 2–9 req/s between 10-second rounds around a 5 req/s mean and the fleet followed it); a
    /// minute is short against the cold start the forecast looks ahead by, and long enough to average the noise out.
    /// </summary>
    public const double DemandSmoothingSeconds = 60;

    /// <summary>
    /// Requests over which the request shape (mean prompt and output tokens) is averaged: each sample weighs by the
    /// completions in its window, so a window of a few long requests does not swing the capacity, and a busy fleet
    /// (many completions per window) follows a change of shape quickly.
    /// </summary>
    public const double ShapeSmoothingRequests = 200;

    /// <summary>
    /// Completions the request shape must rest on before it sizes anything. A fleet's first seconds are biased: the
    /// tokens of requests in flight are counted before they complete, so a short window early on reads long prompts
    /// and answers (a ServeGen day from a cold start read 2,524 / 722 tokens for a true 1,162 / 194 in its first
    /// round, the capacity came out a tenth of the truth, and the number it asked for, 47 where 7 do, was held by
    /// the step-down rule for an hour). Until then the HPA's other metrics govern.
    /// </summary>
    public const double MinShapeRequests = 50;

    /// <summary>
    /// The largest length spread (coefficient of variation) learnt from the adapter: a window with a few requests
    /// thousands of times longer than the rest reads 5–10, which no sizing should rest on (the shared Azure traces'
    /// spreads are 0.77–2.15 over an hour).
    /// </summary>
    public const double MaxLearntCv = 4;

    /// <summary>The window of the adapter's means (its <c>scrape.latencyWindow</c> default): what a first window mean rests on.</summary>
    public const double AdapterLatencyWindowSeconds = 60;

    /// <summary>A window with more requests waiting per pod than this says nothing about the replica's speed.</summary>
    public const double MaxWaitingPerPodForCorrection = 1;

    /// <summary>
    /// A window whose prompts took more than this share of engine time says little about the replica's speed: the
    /// ITL the pods report stretches less than the model's s ÷ (1 − prefill share), because the router puts prompts on
    /// idle replicas where no decode sees them. Measured on conv × 1 in the simulator (an exact seed, so the true
    /// correction is 1), observed ÷ predicted ITL by prefill share in steps of 0.05 from 0: 1.04, 1.03, 0.99, 0.97,
    /// 0.95, 0.91, 0.87, 0.82, 0.77 (to 0.45); on code × 4 a fleet of 64 read 0.43 (clamped to 0.5), and the capacity
    /// it sized for doubled.
    /// </summary>
    public const double MaxPrefillShareForCorrection = 0.15;

    /// <summary>
    /// A window whose prompts took more than this share of engine time (as the pods show it: prompts per pod × the
    /// prefill part of their TTFT) says little about prefill speed: its TTFT carries waits behind other prompts that
    /// the router mostly avoids and the model counts only ÷ N. Measured in the
    /// simulator with an exact seed (so the true correction is 1), observed ÷ predicted TTFT by prefill share in steps
    /// of 0.05 (before the half-step residual was added to the prediction): 0.99–1.02 up to 0.15 on the Azure
    /// conversation trace at × 1 and × 4 (A10G) and the code trace at × 12 (H100), 0.95–0.97 on code × 4 (A10G);
    /// above it conversation drifts to 1.09 at 0.35.
    /// </summary>
    public const double MaxPrefillShareForTtft = 0.15;

    /// <summary>
    /// The TTFT model's own error, with the guard's selection. With an exact seed the prefill correction read 0.86–1.0
    /// on the conversation trace (× 1 and × 4: the guard admits the windows whose TTFT came out low, so the sample
    /// leans fast; guarded by the seed's share instead it read 0.95–1.02, but a pessimistic seed then never learnt),
    /// 0.94–1.01 on code × 12 (H100), 0.79–1.02 on the 70B TP4 row and 0.77–1.15 (median 0.86) on code × 4 (A10G) in
    /// the simulator, and the TPOT tail is steep in prefill: applied in full, conv × 1 cost 5 % more GPU-hours and the
    /// 70B row fell to 98.8 %. So the correction applies only what lies beyond this band: a seed 30 % optimistic is
    /// sized about 20 % slower, an exact one as it is (bench/RESULTS.md, "Prefill corrected from the TTFT").
    /// </summary>
    public const double PrefillModelError = 0.1;

    public static PlannerOutcome Run(
        WorkloadConfig config, ObservedWorkload seen, ObservedHpa hpa, ColdStartHistory learnt, string? remembered, DateTimeOffset now, bool dryRun)
    {
        var policy = config.Policy.Planner;
        var profile = policy.Profile ?? throw new ArgumentException("the planner is enabled without a profile", nameof(config));
        var options = ForecastOptions.Default with { Quantile = policy.Quantile };
        var state = PlannerStateCodec.Decode(remembered ?? hpa.Annotations.GetValueOrDefault(PlannerStateCodec.Annotation), options);
        var demand = seen.Demand;
        if (demand is not null && (now - demand.ObservedAt).TotalSeconds <= policy.MaxInputAgeSeconds
            && (state.LastObservedAt is not { } last || demand.ObservedAt > last))
        {
            state = Observe(state, demand, policy, profile, options);
        }

        var horizon = ColdStartEstimate.From(learnt, config.Policy.ColdStart)?.TotalSeconds ?? policy.DefaultHorizonSeconds;
        var forecast = policy.Forecast ? DemandForecaster.Predict(state.Forecast, now, horizon, options) : null;
        var shape = Shape(state, policy);
        var capacity = shape is not null ? FleetCapacity.Of(profile.WithPrefillCorrection(AppliedPrefill(state)), policy.Slo, shape, state.Correction.Factor) : null;
        var ready = seen.Pods.Count(p => p is { Ready: not null, Terminating: false });
        var starting = LoadingPods.Find(seen.Pods, config.Policy.ScaleDown, now).Count;
        var inputs = new PlannerInputs(
            demand is null ? null : new DemandObservation(state.RecentArrival ?? demand.ArrivalRequestsPerSecond, demand.ObservedAt),
            forecast,
            capacity,
            ready,
            starting,
            state.Last);
        var recommendation = PlannerRecommender.Recommend(
            inputs, now, PlannerOptions.Default with { MaxInputAgeSeconds = policy.MaxInputAgeSeconds, MaxStep = policy.MaxStep });
        if (recommendation.Replicas is { } replicas)
        {
            state = state with { LastReplicas = replicas, LastAt = now, LastSizedFor = recommendation.SizedFor };
        }

        var encoded = PlannerStateCodec.Encode(state, options);
        // Capacity per replica at the fleet recommended (the tail depends on the fleet's size).
        var perReplica = capacity is null ? (double?)null
            : recommendation.Replicas is > 0 && double.IsFinite(recommendation.CapacityPerReplica) ? recommendation.CapacityPerReplica : capacity.PerReplica;
        var bound = capacity is null ? null : capacity.BoundAt(recommendation.Replicas ?? 1);
        var status = new PlannerStatus(
            now, recommendation.Replicas, recommendation.Reason, perReplica, bound, state.Correction.Factor, horizon,
            forecast?.Central, forecast?.Upper, state.MeanPromptTokens, state.MeanOutputTokens, shape?.PromptCv, shape?.OutputCv, state.Prefill.Factor, AppliedPrefill(state));
        var publish = Publish(config, hpa, recommendation, encoded, status, now, dryRun);
        return new PlannerOutcome(publish, encoded, recommendation, forecast, perReplica);
    }

    private static PlannerState Observe(PlannerState state, WorkloadDemand demand, PlannerPolicy policy, ReplicaServiceProfile profile, ForecastOptions options)
    {
        // The seconds this sample stands for: since the previous one folded in, at most a bucket (after a gap the
        // sample says nothing about the time in between); the first one stands for its rate window.
        var seconds = state.LastObservedAt is { } last
            ? Math.Min((demand.ObservedAt - last).TotalSeconds, options.BucketSeconds)
            : demand.WindowSeconds > 0 ? Math.Min(demand.WindowSeconds, options.BucketSeconds) : RefreshSeconds;
        var forecast = policy.Forecast
            ? DemandForecaster.Observe(state.Forecast, demand.ObservedAt, demand.ArrivalRequestsPerSecond, seconds, options)
            : state.Forecast;
        var next = state with
        {
            Forecast = forecast,
            LastObservedAt = demand.ObservedAt,
            RecentArrival = Smooth(state.RecentArrival, demand.ArrivalRequestsPerSecond, 1 - Math.Exp(-seconds / DemandSmoothingSeconds), allowZero: true),
        };
        next = ObserveShape(next, demand, seconds);
        // The correction compares like with like: the prefill share is the prompts the pods actually processed (not
        // the arrivals, which a backlog outruns), and a window with a backlog is skipped: there the ITL carries
        // preemptions and full prefill chunks the batch model does not describe, and folding it in read an overloaded
        // A10G fleet as 1.9 × slower than its seed, which then halved the capacity it sized for (simulator, conv × 1).
        var corrected = profile.WithPrefillCorrection(AppliedPrefill(next));
        if (Shape(next, policy) is { } shape && demand is { InterTokenLatencySeconds: { } itl, Running: { } running, Pods: > 0 }
            && !HadBacklog(demand, policy))
        {
            var perPod = running / demand.Pods;
            var processed = demand.PromptTokensPerSecond / demand.Pods / shape.MeanPromptTokens;
            var prefillShare = processed * corrected.PrefillSeconds(shape.MeanPromptTokens);
            if (prefillShare <= MaxPrefillShareForCorrection)
            {
                var predicted = ReplicaCapacity.PredictedItlSeconds(corrected, shape, perPod, processed);
                next = next with { Correction = next.Correction.Observe(itl, predicted, perPod) };
            }
        }

        return ObservePrefill(next, demand, policy, profile);
    }

    // The prefill correction: the window's mean TTFT less the decode steps its prompts' chunks ride, over the seed's
    // prefill for the window's own prompts (the adapter's TTFT and prompt-length means cover the same latency
    // window). Only where the TTFT is mostly service: no requests waiting, and prompts taking at most
    // MaxPrefillShareForTtft of engine time (a queue behind prompts is what the router avoids and the model leaves out),
    // as the pods show it (the prompts per pod × their TTFT's prefill part), not as the seed says: a seed that thinks
    // prefill slower than it is would otherwise put every window above the guard and never learn.
    private static PlannerState ObservePrefill(PlannerState state, WorkloadDemand demand, PlannerPolicy policy, ReplicaServiceProfile seed)
    {
        if (Shape(state, policy) is not { } shape
            || demand is not { TimeToFirstTokenSeconds: { } ttft, Running: { } running, Pods: > 0 }
            || (demand.Waiting ?? 0) >= demand.Pods * MaxWaitingPerPodForCorrection)
        {
            return state;
        }

        if (demand is { WindowMeanPromptTokens: > 0 and var prompt })
        {
            var cv = demand.WindowPromptTokensStandardDeviation is { } sd && double.IsFinite(sd) && sd >= 0
                ? Math.Min(MaxLearntCv, sd / prompt)
                : shape.PromptCv;
            shape = shape with { MeanPromptTokens = Math.Max(1, prompt), PromptCv = cv };
        }

        var perPod = Math.Max(0, demand.ArrivalRequestsPerSecond) / demand.Pods;
        if (ReplicaCapacity.TtftParts(seed, shape, running / demand.Pods, perPod, demand.Pods, state.Correction.Factor) is not { } parts
            || perPod * (ttft - parts.Steps) > MaxPrefillShareForTtft)
        {
            return state;
        }

        var prompts = perPod * demand.Pods * AdapterLatencyWindowSeconds;
        return state with { PrefillCorrection = state.Prefill.Observe(ttft - parts.Steps, parts.Prefill, prompts) };
    }

    // The shape from the adapter's window means when it serves them (a minute of completions, read every round: each
    // round stands for the requests of its own seconds); the first of them replaces a shape learnt from short-window
    // ratios, and from then on those ratios are not used. Without window means (an adapter that does not serve them):
    // this round's rate window alone. Each sample weighs by the completions it stands for.
    private static PlannerState ObserveShape(PlannerState state, WorkloadDemand demand, double seconds)
    {
        double prompt, output, completed;
        double? promptMoment = null, outputMoment = null;
        if (demand is { WindowMeanPromptTokens: > 0 and var windowPrompt, WindowMeanOutputTokens: > 0 and var windowOutput })
        {
            if (!state.ShapeFromWindow)
            {
                return state with
                {
                    MeanPromptTokens = windowPrompt,
                    MeanOutputTokens = windowOutput,
                    ShapeRequests = Math.Min(ShapeSmoothingRequests, Math.Max(0, demand.ArrivalRequestsPerSecond * AdapterLatencyWindowSeconds)),
                    ShapeFromWindow = true,
                    PromptSecondMoment = SecondMoment(windowPrompt, demand.WindowPromptTokensStandardDeviation),
                    OutputSecondMoment = SecondMoment(windowOutput, demand.WindowOutputTokensStandardDeviation),
                };
            }

            promptMoment = SecondMoment(windowPrompt, demand.WindowPromptTokensStandardDeviation);
            outputMoment = SecondMoment(windowOutput, demand.WindowOutputTokensStandardDeviation);
            (prompt, output, completed) = (windowPrompt, windowOutput, demand.ArrivalRequestsPerSecond * seconds);
        }
        else if (!state.ShapeFromWindow && demand is { MeanPromptTokens: { } ratioPrompt, MeanOutputTokens: { } ratioOutput })
        {
            (prompt, output, completed) = (ratioPrompt, ratioOutput, demand.CompletedRequestsPerSecond * (demand.WindowSeconds > 0 ? demand.WindowSeconds : seconds));
        }
        else
        {
            return state;
        }

        completed = Math.Max(0, completed);
        var weight = 1 - Math.Exp(-completed / ShapeSmoothingRequests);
        return state with
        {
            MeanPromptTokens = Smooth(state.MeanPromptTokens, prompt, weight),
            MeanOutputTokens = Smooth(state.MeanOutputTokens, output, weight),
            PromptSecondMoment = Smooth(state.PromptSecondMoment, promptMoment, weight),
            OutputSecondMoment = Smooth(state.OutputSecondMoment, outputMoment, weight),
            ShapeRequests = Math.Min(ShapeSmoothingRequests, state.ShapeRequests + completed),
        };
    }

    /// <summary>The prefill correction beyond the model's own error (<see cref="PrefillModelError"/>): × 1 within it.</summary>
    public static double AppliedPrefill(PlannerState state)
    {
        var excess = state.Prefill.Factor - 1;
        return Math.Abs(excess) <= PrefillModelError ? 1 : 1 + excess - (Math.Sign(excess) * PrefillModelError);
    }

    // A backlog now (requests waiting) or during the latency window (mean TTFT above the SLO's floor: the ITL mean
    // covers the same window, so it still carries the queue after the queue has drained).
    private static bool HadBacklog(WorkloadDemand demand, PlannerPolicy policy) =>
        (demand.Waiting ?? 0) >= demand.Pods * MaxWaitingPerPodForCorrection
        || demand.TimeToFirstTokenSeconds > policy.Slo.TtftFloorSeconds;

    private static DemandShape? Shape(PlannerState state, PlannerPolicy policy) =>
        state is { MeanPromptTokens: { } prompt, MeanOutputTokens: { } output, ShapeRequests: >= MinShapeRequests }
        && new DemandShape(
            Math.Max(1, prompt), Math.Max(1, output),
            Cv(prompt, state.PromptSecondMoment) ?? policy.PromptCv,
            Cv(output, state.OutputSecondMoment) ?? policy.OutputCv) is { IsValid: true } shape
            ? shape
            : null;

    /// <summary>A window's mean of the length squared: spread² + mean²; null without a spread.</summary>
    private static double? SecondMoment(double mean, double? standardDeviation) =>
        standardDeviation is { } sd && double.IsFinite(sd) && sd >= 0 ? (sd * sd) + (mean * mean) : null;

    /// <summary>
    /// The learnt coefficient of variation, √(E[x²] − mean²) ÷ mean, at most <see cref="MaxLearntCv"/>; null while the
    /// adapter has served no spread.
    /// </summary>
    private static double? Cv(double mean, double? secondMoment) =>
        secondMoment is { } moment && mean > 0 ? Math.Min(MaxLearntCv, Math.Sqrt(Math.Max(0, moment - (mean * mean))) / mean) : null;

    private static double? Smooth(double? known, double? observed, double weight, bool allowZero = false) =>
        observed is not { } value || !double.IsFinite(value) || value < 0 || (value == 0 && !allowZero) ? known
        : known is not { } old ? value
        : old + (weight * (value - old));

    private static PublishRecommendation? Publish(
        WorkloadConfig config, ObservedHpa hpa, PlannerRecommendation recommendation, string state, PlannerStatus status, DateTimeOffset now, bool dryRun)
    {
        var published = DesiredReplicasValue.Decode(hpa.Annotations.GetValueOrDefault(DesiredReplicasValue.Annotation));
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PlannerStateCodec.Annotation] = state,
            [PlannerStatus.Annotation] = status.Encode(),
        };
        if (recommendation.Replicas is { } replicas)
        {
            var changed = published?.Replicas != replicas;
            if (!changed && (now - published!.At).TotalSeconds < RefreshSeconds)
            {
                return null;
            }

            annotations[DesiredReplicasValue.Annotation] = DesiredReplicasValue.Encode(replicas, now, recommendation.Reason);
            var evt = changed
                ? new KubernetesEvent(KubernetesEventType.Normal, "DesiredReplicas", Format($"{(published is null ? "none" : published.Replicas)} → {replicas}: {recommendation.Reason}; {Detail(status)}"))
                : null;
            return new PublishRecommendation(config.Workload, hpa.Ref, replicas, recommendation.Reason, annotations, evt, dryRun);
        }

        // Nothing to serve: say so once when it stops, then only keep the state from going old.
        var before = PlannerStatus.Decode(hpa.Annotations.GetValueOrDefault(PlannerStatus.Annotation));
        var stopped = before?.Replicas is not null;
        if (!stopped && before is { } b && (now - b.At).TotalSeconds < PersistSeconds)
        {
            return null;
        }

        var warning = stopped
            ? new KubernetesEvent(KubernetesEventType.Warning, "DesiredReplicasNotServed", Format(
                $"no recommendation: {recommendation.Reason}; {DesiredReplicasValue.Annotation} is left to go stale, the HPA's other metrics govern"))
            : null;
        return new PublishRecommendation(config.Workload, hpa.Ref, null, recommendation.Reason, annotations, warning, dryRun);
    }

    private static string Detail(PlannerStatus status) =>
        Format($"capacity {status.CapacityPerReplica:0.###} req/s per replica ({status.Bound}-bound, correction × {status.Correction:0.###} decode, ")
        + Format($"× {status.PrefillCorrection:0.###} prefill")
        + (status.PrefillApplied == status.PrefillCorrection ? "" : Format($" applied as × {status.PrefillApplied:0.###}"))
        + "), "
        + Format($"forecast over {status.HorizonSeconds} s: ")
        + (status.ForecastUpper is { } upper ? Format($"central {status.ForecastCentral:0.###}, upper {upper:0.###} req/s") : "none yet")
        + Format($", requests {status.MeanPromptTokens:0} prompt / {status.MeanOutputTokens:0} output tokens")
        + (status.PromptCv is { } promptCv && status.OutputCv is { } outputCv ? Format($" (cv {promptCv:0.##} / {outputCv:0.##})") : "");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
