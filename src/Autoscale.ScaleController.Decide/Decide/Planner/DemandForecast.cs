using System.Collections.Immutable;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The forecaster's whole state, immutable: the open bucket being filled, the smoothed level and trend, the
/// seasonal offsets per bucket of the day (<see cref="double.NaN"/> where no value is known yet) and the smoothed
/// variance of one-step errors. While the first day is being seen <see cref="Warmup"/> holds each bucket's mean, from
/// which the seasonal offsets are initialised once the day is complete (the classical initialisation).
/// </summary>
internal sealed record DemandForecast(
    long OpenBucket,
    double OpenSum,
    double OpenSeconds,
    double Level,
    double Trend,
    double ErrorVariance,
    int Buckets,
    ImmutableArray<double> Season,
    ImmutableArray<double> Warmup)
{
    /// <summary>No observation yet: <see cref="OpenBucket"/> is −1.</summary>
    public static DemandForecast Empty { get; } = new(-1, 0, 0, double.NaN, 0, double.NaN, 0, [], []);

    public bool HasLevel => !double.IsNaN(Level);

    public bool Seasonal => !Season.IsDefaultOrEmpty;
}
