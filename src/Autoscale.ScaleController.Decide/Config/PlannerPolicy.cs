using Autoscale.ScaleController.Decide.Planner;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// The SLO planner of one workload (off unless <see cref="Enabled"/>): the per-request SLO it sizes for, the seed of
/// the per-replica service model (required when enabled), the demand quantile it covers, whether it looks ahead by
/// the learnt cold start, how far one recommendation may move, and how old its inputs may be.
/// </summary>
/// <remarks>
/// <see cref="Quantile"/> is the upper quantile of the demand forecast the recommendation covers (0.9: demand is
/// expected to stay below what was sized for nine times in ten over the cold-start horizon). The SLO's own attainment
/// target is built into the capacity model (<see cref="ReplicaCapacity"/>); this is the look-ahead's.
/// </remarks>
public sealed record PlannerPolicy
{
    public bool Enabled { get; init; }

    public PlannerSlo Slo { get; init; } = PlannerSlo.Default;

    public double Quantile { get; init; } = ForecastOptions.Default.Quantile;

    /// <summary>The seed; null is only valid while the planner is off (the config loader refuses it otherwise).</summary>
    public ReplicaServiceProfile? Profile { get; init; }

    /// <summary>
    /// Coefficients of variation of prompt and output lengths. The defaults are the tuning split's chat traffic (the
    /// Azure 2023 conversation trace: 0.96 and 0.77, rounded); code-assistant traffic, whose answers are often a few
    /// tokens, has a wider output spread (the Azure code trace: 2.15), which the TPOT tail needs to know. They stand
    /// only until the adapter serves the pods' own spreads (<c>vllm_stddev_prompt_tokens</c>,
    /// <c>vllm_stddev_output_tokens</c>, from vLLM's length histograms); from then on the learnt ones size the fleet.
    /// </summary>
    public double PromptCv { get; init; } = 1;

    public double OutputCv { get; init; } = 0.8;

    /// <summary>Off: size for demand now only (no Holt-Winters look-ahead).</summary>
    public bool Forecast { get; init; } = true;

    /// <summary>The look-ahead while no cold start has been learnt yet.</summary>
    public int DefaultHorizonSeconds { get; init; } = 600;

    public int MaxStep { get; init; } = PlannerOptions.Default.MaxStep;

    public int MaxInputAgeSeconds { get; init; } = PlannerOptions.Default.MaxInputAgeSeconds;

    public static PlannerPolicy Off { get; } = new();
}
