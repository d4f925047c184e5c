namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// An online correction of a seed profile: a smoothed ratio of what the fleet reports to what the seed predicts. The
/// planner keeps two. The decode correction is the ITL the fleet reports over the ITL the seed predicts at the running
/// count the fleet reports. It multiplies the model's decode step costs and the TPOT limit's
/// idle ITL (<see cref="ReplicaCapacity.Estimate"/>), so a fleet whose decode is 20 % slower than its seed is sized
/// for that; prefill costs stay the seed's, since the ITL says nothing about them (a correction of 1.07–1.15 learnt
/// from decode and applied to prefill too shrank conversation fleets' TPOT-tail capacity by a third in the simulator,
/// bench/RESULTS.md "The correction corrects decode only"). The prefill correction is the prefill part of the TTFT the
/// fleet reports (its mean less the decode steps its chunks ride) over the seed's prefill for the window's prompts
/// (<see cref="ReplicaCapacity.TtftParts"/>); it scales the prompt token cost
/// (<see cref="ReplicaServiceProfile.WithPrefillCorrection"/>).
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
    /// Folds in one observation. Ignored (the state is returned as is) when either value is not a positive number or
    /// the observation rests on less than one sequence or prompt (<paramref name="samples"/>: an idle replica's ITL
    /// says nothing about the batch the capacity is sized for).
    /// </summary>
    public CapacityCorrection Observe(double observedSeconds, double predictedSeconds, double samples)
    {
        if (!(observedSeconds > 0) || !(predictedSeconds > 0) || !(samples >= 1)
            || !double.IsFinite(observedSeconds) || !double.IsFinite(predictedSeconds))
        {
            return this;
        }

        var ratio = Math.Clamp(observedSeconds / predictedSeconds, MinFactor, MaxFactor);
        var factor = Observations == 0 ? ratio : Factor + (Alpha * (ratio - Factor));
        return new CapacityCorrection(Math.Clamp(factor, MinFactor, MaxFactor), Observations + 1);
    }
}
