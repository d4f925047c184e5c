using System.Collections.Immutable;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// Forecasts a workload's demand (any rate: requests/s, prompt tokens/s) over the cold-start horizon with additive
/// Holt-Winters and a damped trend, ETS(A,Ad,A) in Hyndman &amp; Athanasopoulos' notation (FPP3 §8.3, §8.7).
/// Observations are averaged into UTC-aligned buckets; each closed bucket updates level, trend and that bucket's
/// seasonal offset. The upper bound is the central forecast plus z(q) times the k-step standard deviation of the
/// ETS(A,Ad,A) prediction-interval formula, with σ² smoothed from one-step errors. Pure: state in, state out.
/// </summary>
internal static class DemandForecaster
{
    // Weight of the newest one-step error in the smoothed variance: about the last two hours of 5-minute buckets.
    private const double ErrorSmoothing = 0.05;

    /// <summary>
    /// Adds the mean <paramref name="rate"/> observed over the <paramref name="seconds"/> ending at
    /// <paramref name="at"/>. NaN, negative or infinite rates and observations older than the open bucket are
    /// ignored (returning the same state), so one bad input costs one sample, never the history.
    /// </summary>
    public static DemandForecast Observe(DemandForecast state, DateTimeOffset at, double rate, double seconds, ForecastOptions options)
    {
        if (!double.IsFinite(rate) || rate < 0 || !double.IsFinite(seconds) || seconds <= 0)
        {
            return state;
        }

        var bucket = at.ToUnixTimeSeconds() / options.BucketSeconds;
        if (state.OpenBucket < 0)
        {
            return state with { OpenBucket = bucket, OpenSum = rate * seconds, OpenSeconds = seconds };
        }

        if (bucket < state.OpenBucket)
        {
            return state;
        }

        if (bucket == state.OpenBucket)
        {
            return state with { OpenSum = state.OpenSum + (rate * seconds), OpenSeconds = state.OpenSeconds + seconds };
        }

        var closed = Close(state, state.OpenBucket, state.OpenSum / state.OpenSeconds, options);
        var gapSeconds = (bucket - state.OpenBucket - 1) * (long)options.BucketSeconds;
        if (gapSeconds > options.MaxGapSeconds)
        {
            // After a long outage the level and trend describe another time; the time-of-day shape still holds.
            closed = closed with { Level = double.NaN, Trend = 0 };
        }

        return closed with { OpenBucket = bucket, OpenSum = rate * seconds, OpenSeconds = seconds };
    }

    /// <summary>Demand expected <paramref name="horizonSeconds"/> after <paramref name="now"/>; null before the first bucket closes.</summary>
    public static Forecast? Predict(DemandForecast state, DateTimeOffset now, int horizonSeconds, ForecastOptions options)
    {
        if (!state.HasLevel)
        {
            return null;
        }

        var target = (now.ToUnixTimeSeconds() + Math.Max(0, horizonSeconds)) / options.BucketSeconds;
        var steps = (int)Math.Clamp(target - (state.OpenBucket - 1), 1, options.SeasonBuckets);
        var damped = 0.0;
        var phiPower = 1.0;
        for (var j = 1; j <= steps; j++)
        {
            phiPower *= options.Phi;
            damped += phiPower;
        }

        var central = Math.Max(0, state.Level + (damped * state.Trend) + Offset(state, target, options));
        var upper = central;
        if (!double.IsNaN(state.ErrorVariance))
        {
            upper = central + (StandardNormal.Quantile(options.Quantile) * Math.Sqrt(StepVariance(state.ErrorVariance, steps, options)));
        }

        return new Forecast(central, upper, horizonSeconds, state.Seasonal);
    }

    private static DemandForecast Close(DemandForecast state, long bucket, double mean, ForecastOptions options)
    {
        var slot = (int)(bucket % options.SeasonBuckets);
        var offset = Offset(state, bucket, options);
        var warmup = Warm(state, slot, mean, options);
        if (!state.HasLevel)
        {
            return Seasonize(state with { Level = mean - offset, Trend = 0, Buckets = state.Buckets + 1, Warmup = warmup }, options);
        }

        var predicted = state.Level + (options.Phi * state.Trend) + offset;
        var error = mean - predicted;
        var variance = double.IsNaN(state.ErrorVariance) ? error * error : ((1 - ErrorSmoothing) * state.ErrorVariance) + (ErrorSmoothing * error * error);
        var level = (options.Alpha * (mean - offset)) + ((1 - options.Alpha) * (state.Level + (options.Phi * state.Trend)));
        var trend = (options.Beta * (level - state.Level)) + ((1 - options.Beta) * options.Phi * state.Trend);
        var season = state.Season;
        if (state.Seasonal)
        {
            var known = season[slot];
            season = season.SetItem(slot, double.IsNaN(known) ? mean - level : (options.Gamma * (mean - level)) + ((1 - options.Gamma) * known));
        }

        return Seasonize(state with { Level = level, Trend = trend, ErrorVariance = variance, Buckets = state.Buckets + 1, Season = season, Warmup = warmup }, options);
    }

    private static double Offset(DemandForecast state, long bucket, ForecastOptions options)
    {
        if (!state.Seasonal)
        {
            return 0;
        }

        var value = state.Season[(int)(bucket % options.SeasonBuckets)];
        return double.IsNaN(value) ? 0 : value;
    }

    private static ImmutableArray<double> Warm(DemandForecast state, int slot, double mean, ForecastOptions options)
    {
        if (state.Seasonal)
        {
            return state.Warmup;
        }

        var warmup = state.Warmup.IsDefaultOrEmpty ? ImmutableArray.CreateRange(Enumerable.Repeat(double.NaN, options.SeasonBuckets)) : state.Warmup;
        return warmup.SetItem(slot, mean);
    }

    /// <summary>Once a day of buckets has closed, the offsets become each bucket's mean minus the day's mean.</summary>
    private static DemandForecast Seasonize(DemandForecast state, ForecastOptions options)
    {
        if (state.Seasonal || state.Buckets < options.SeasonBuckets || state.Warmup.IsDefaultOrEmpty)
        {
            return state;
        }

        var known = state.Warmup.Where(v => !double.IsNaN(v)).ToList();
        var dayMean = known.Average();
        var season = state.Warmup.Select(v => double.IsNaN(v) ? double.NaN : v - dayMean).ToImmutableArray();

        // The level was tracking the raw series; re-express it without the current bucket's offset.
        var lastSlot = (int)((state.OpenBucket) % options.SeasonBuckets);
        var lastOffset = double.IsNaN(season[lastSlot]) ? 0 : season[lastSlot];
        return state with { Season = season, Warmup = [], Level = state.Level - lastOffset };
    }

    /// <summary>σ²·(1 + Σ_{j=1}^{k−1} c_j²), c_j = α(1 + βφ(1−φ^j)/(1−φ)) + γ·[j ≡ 0 mod m] (FPP3 Table 8.8, ETS(A,Ad,A)).</summary>
    private static double StepVariance(double oneStep, int steps, ForecastOptions options)
    {
        var sum = 1.0;
        var phiPower = 1.0;
        for (var j = 1; j < steps; j++)
        {
            phiPower *= options.Phi;
            var damped = options.Phi == 1 ? j : options.Phi * (1 - phiPower) / (1 - options.Phi);
            var c = (options.Alpha * (1 + (options.Beta * damped))) + (j % options.SeasonBuckets == 0 ? options.Gamma : 0);
            sum += c * c;
        }

        return oneStep * sum;
    }
}
