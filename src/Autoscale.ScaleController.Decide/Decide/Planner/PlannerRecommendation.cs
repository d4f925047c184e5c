namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// One decision of <see cref="PlannerRecommender"/>: <see cref="Replicas"/> is null when there is nothing to serve
/// (missing or stale inputs), and <see cref="Reason"/> always says why, in the words an Event or status annotation
/// shows: demand, forecast, capacity per replica, replicas starting, the number. <see cref="SizedFor"/> is the demand
/// the number covers, kept so the next decision can step down no faster than demand falls.
/// </summary>
internal sealed record PlannerRecommendation(
    int? Replicas,
    string Reason,
    DateTimeOffset At,
    double Demand,
    double? ForecastUpper,
    double CapacityPerReplica,
    int ReplicasStarting,
    double SizedFor)
{
    public static PlannerRecommendation None(string reason, DateTimeOffset at) =>
        new(null, reason, at, double.NaN, null, double.NaN, 0, double.NaN);
}
