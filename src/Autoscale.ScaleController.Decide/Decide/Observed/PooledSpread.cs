namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// The spread of several pods' requests taken together, from each pod's mean and standard deviation: the mean of the
/// pods' second moments (sd² + mean²) less the square of the mean of their means. Pods weigh alike, as the window means
/// are averaged. One home for the controller's reader and the simulator's mirror of it.
/// </summary>
public struct PooledSpread
{
    private double _means;
    private double _secondMoments;
    private int _pods;

    public void Add(double mean, double standardDeviation)
    {
        _means += mean;
        _secondMoments += (standardDeviation * standardDeviation) + (mean * mean);
        _pods++;
    }

    /// <summary>The pooled standard deviation; null when no pod was added.</summary>
    public readonly double? Value =>
        _pods > 0 ? Math.Sqrt(Math.Max(0, (_secondMoments / _pods) - Math.Pow(_means / _pods, 2))) : null;
}
