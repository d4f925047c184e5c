namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The online correction of a seed profile: a smoothed ratio of the ITL the fleet reports to the ITL the seed
/// predicts at the running count the fleet reports. It multiplies the model's decode step costs and the TPOT limit's
/// idle ITL (<see cref="ReplicaCapacity.Estimate"/>), so a fleet whose decode is 20 % slower than its seed is sized
/// for that; prefill costs stay the seed's, since the ITL says nothing about them (a correction of 1.07–1.15 learnt
/// from decode and applied to prefill too shrank conversation fleets' TPOT-tail capacity by a third in the simulator,
/// bench/RESULTS.md "The correction corrects decode only").
/// Each observation's ratio is clamped to [<see cref="MinFactor"/>, <see cref="MaxFactor"/>] before smoothing, so one
/// bad scrape (a GC pause, a histogram reset) cannot swing the capacity, and a seed that is wildly off stays visibly
/// pinned at a bound instead of silently trusted.
/// </summary>
internal sealed record CapacityCorrection(double Factor, int Observations)
{
    public const double MinFactor = 0.5;

    public const double MaxFactor = 2.0;

    /// <summary>Exponential smoothing weight of a new observation: about ten scrapes to move most of the way.</summary>
    public const double Alpha = 0.2;

    public static CapacityCorrection None { get; } = new(1, 0);

    /// <summary>
    /// Folds in one observation. Ignored (the state is returned as is) when either ITL is not a positive number or
    /// nothing was decoding: an idle replica's ITL says nothing about the batch the capacity is sized for.
    /// </summary>
    public CapacityCorrection Observe(double observedItlSeconds, double predictedItlSeconds, double running)
    {
        if (!(observedItlSeconds > 0) || !(predictedItlSeconds > 0) || !(running >= 1)
            || !double.IsFinite(observedItlSeconds) || !double.IsFinite(predictedItlSeconds))
        {
            return this;
        }

        var ratio = Math.Clamp(observedItlSeconds / predictedItlSeconds, MinFactor, MaxFactor);
        var factor = Observations == 0 ? ratio : Factor + (Alpha * (ratio - Factor));
        return new CapacityCorrection(Math.Clamp(factor, MinFactor, MaxFactor), Observations + 1);
    }
}
