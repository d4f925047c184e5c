namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// Settings of <see cref="DemandForecaster"/>: additive Holt-Winters with a damped trend (ETS(A,Ad,A)) over
/// fixed buckets. Buckets are aligned to UTC so a persisted history lines up with the time of day after a restart.
/// The smoothing constants were chosen on the ServeGen m-small day curve (a sweep of α 0.2–1, β 0–0.1, γ 0.05–0.3,
/// φ 0.9–0.98 at 15- and 30-minute horizons): there, at cold-start horizons, nothing beats persistence by much (the
/// 10-minute windows jump more than the day's shape moves in 30 minutes), so the level is smoothed moderately, the
/// trend is weak and damped (a ramp is followed, not extrapolated for ever) and the seasonal offsets learn slowly.
/// </summary>
internal sealed record ForecastOptions
{
    public int BucketSeconds { get; init; } = 300;

    /// <summary>One day: the cycle LLM traffic shows (ServeGen's 14-day series, the Azure 2023 traces).</summary>
    public int SeasonSeconds { get; init; } = 86_400;

    public double Alpha { get; init; } = 0.3;

    public double Beta { get; init; } = 0.02;

    public double Gamma { get; init; } = 0.15;

    /// <summary>Trend damping φ: a k-step forecast adds b·(φ + … + φ^k), at most b·φ/(1−φ).</summary>
    public double Phi { get; init; } = 0.9;

    /// <summary>The forecast's upper quantile (0.5–0.999); the planner sizes for it.</summary>
    public double Quantile { get; init; } = 0.9;

    /// <summary>A gap in observations longer than this restarts the level and trend (the season is kept).</summary>
    public int MaxGapSeconds { get; init; } = 3_600;

    public int SeasonBuckets => SeasonSeconds / BucketSeconds;

    public static ForecastOptions Default { get; } = new();
}
