namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// What the planner carries from one round to the next (in memory, and on the HPA as
/// <see cref="PlannerStateCodec.Annotation"/> so a restarted controller resumes): the forecaster, the capacity
/// corrections (decode from the ITL, prefill from the TTFT), the time of the last demand sample folded in (a sample
/// the adapter repeats is counted once), the smoothed request shape (kept while nothing completes) with the completions it rests on and whether it came from
/// the adapter's window means, the last recommendation (the step-down limit), and the smoothed arrival rate the
/// recommendation sizes for as demand now (<see cref="RecentArrival"/>).
/// </summary>
/// <param name="ShapeRequests">Completions the shape rests on (capped); below <c>PlannerStep.MinShapeRequests</c> it sizes nothing.</param>
/// <param name="ShapeFromWindow">The shape came from <c>vllm_mean_prompt_tokens</c>/<c>vllm_mean_output_tokens</c>: short-window ratios no longer move it.</param>
/// <param name="PromptSecondMoment">
/// The smoothed mean of prompt tokens squared (spread² + mean² of each window, from <c>vllm_stddev_prompt_tokens</c>),
/// smoothed as the mean is; null while the adapter serves no spread (the configured <c>lengths.promptCv</c> stands).
/// </param>
/// <param name="OutputSecondMoment">The same for generated tokens (<c>vllm_stddev_output_tokens</c>, <c>lengths.outputCv</c>).</param>
/// <param name="PrefillCorrection">The prefill correction learnt from the pods' TTFT; null until the first observation (× 1).</param>
internal sealed record PlannerState(
    DemandForecast Forecast,
    CapacityCorrection Correction,
    DateTimeOffset? LastObservedAt,
    double? MeanPromptTokens,
    double? MeanOutputTokens,
    int? LastReplicas,
    DateTimeOffset? LastAt,
    double LastSizedFor,
    double? RecentArrival = null,
    double ShapeRequests = 0,
    bool ShapeFromWindow = false,
    double? PromptSecondMoment = null,
    double? OutputSecondMoment = null,
    CapacityCorrection? PrefillCorrection = null)
{
    /// <summary>The prefill correction, × 1 before any observation.</summary>
    public CapacityCorrection Prefill => PrefillCorrection ?? CapacityCorrection.None;

    public static PlannerState Empty { get; } = new(DemandForecast.Empty, CapacityCorrection.None, null, null, null, null, null, double.NaN);

    /// <summary>The last recommendation, as much of it as the recommender's step-down rule reads.</summary>
    public PlannerRecommendation? Last => LastReplicas is { } replicas && LastAt is { } at
        ? new PlannerRecommendation(replicas, "", at, double.NaN, null, double.NaN, 0, LastSizedFor)
        : null;
}
