namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// What N replicas serve within the SLO: the mean-value capacity of a replica (<see cref="ReplicaCapacity"/>), which
/// bounds every fleet, and the TPOT tail (<see cref="TpotTail"/>), which depends on the fleet's size because the
/// router steers new prompts to idle replicas. <see cref="ReplicasFor"/> is the smallest fleet that keeps both: on
/// ShareGPT-like lengths the mean model decides, on long prompts with short answers the tail can ask for several
/// times more.
/// </summary>
/// <remarks>
/// The mean model is not made a function of N. A fleet behind the router evens out its replicas' batches, and against
/// <c>EmulatedFleet</c> its 99 % rate per replica on conversation lengths rises 0.70 → 1.05 req/s from 1 to 16 A10G
/// replicas, which a batch margin shrinking as 1/√N reproduces within 13 %; but in the simulator, on the tuning rows,
/// that left no margin for arrivals burstier than Poisson and for demand read a window late (conv × 1 from the
/// bound start: 82.6 % against 99.6 %), so the lone replica's margins stay.
/// </remarks>
internal sealed class FleetCapacity
{
    // Rounding slack so that exactly k replicas' worth of demand asks for k, not k + 1.
    private const double Epsilon = 1e-9;

    // A fleet this many times the mean model's is not searched further (the tail falls with N; this is a backstop).
    private const int MaxFleetFactor = 64;

    private const int RateBisectionSteps = 14;

    private readonly TpotTail? _tail;
    private readonly double _missBudget;
    private readonly Dictionary<int, double> _perReplicaAt = [];

    private FleetCapacity(CapacityEstimate replica, TpotTail? tail, double missBudget)
    {
        Replica = replica;
        _tail = tail;
        _missBudget = missBudget;
    }

    /// <summary>The mean-value model of one replica: its rate is the most any replica of any fleet is sized for.</summary>
    public CapacityEstimate Replica { get; }

    public double PerReplica => Replica.RequestsPerSecond;

    public static FleetCapacity Of(ReplicaServiceProfile profile, PlannerSlo slo, DemandShape shape, double correction = 1)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var replica = ReplicaCapacity.Estimate(profile, slo, shape, correction);
        return new FleetCapacity(replica, new TpotTail(profile, shape, correction, replica.TpotLimitSeconds), 1 - slo.Attainment);
    }

    /// <summary>A capacity with no tail: every fleet serves <paramref name="perReplica"/> per replica.</summary>
    public static FleetCapacity MeanOnly(double perReplica) =>
        new(new CapacityEstimate(perReplica, "given", 0, 0, 0, 0, 0, 1), null, 0);

    /// <summary>The smallest fleet that serves <paramref name="rate"/> within the SLO (at least one).</summary>
    public int ReplicasFor(double rate)
    {
        var byMean = Math.Max(1, (int)Math.Ceiling((rate / PerReplica) - Epsilon));
        if (TailHolds(rate, byMean))
        {
            return byMean;
        }

        // The tail falls as the fleet grows: gallop up, then bisect.
        int low = byMean, high = byMean;
        var cap = (long)byMean * MaxFleetFactor;
        while (!TailHolds(rate, high))
        {
            low = high;
            if (high >= cap)
            {
                return high;
            }

            high = (int)Math.Min(cap, (long)high * 2);
        }

        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (TailHolds(rate, mid))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }

    /// <summary>What each of <paramref name="replicas"/> serves within the SLO: the mean model's, or less where the tail binds.</summary>
    public double PerReplicaAt(int replicas)
    {
        var n = Math.Max(1, replicas);
        if (!_perReplicaAt.TryGetValue(n, out var rate))
        {
            rate = Search(n);
            _perReplicaAt[n] = rate;
        }

        return rate;
    }

    private double Search(int n)
    {
        var high = PerReplica * n;
        if (TailHolds(high, n))
        {
            return PerReplica;
        }

        var low = 0.0;
        for (var i = 0; i < RateBisectionSteps; i++)
        {
            var mid = (low + high) / 2;
            if (TailHolds(mid, n))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low / n;
    }

    /// <summary>The limit that binds at <paramref name="replicas"/>: the mean model's, or "tpot-tail".</summary>
    public string BoundAt(int replicas) => PerReplicaAt(replicas) < PerReplica ? "tpot-tail" : Replica.Bound;

    private bool TailHolds(double rate, int replicas) => _tail is null || _tail.MissShare(rate, replicas) <= _missBudget;
}
