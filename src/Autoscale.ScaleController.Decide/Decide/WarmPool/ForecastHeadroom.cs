using System.Globalization;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// The warm pool's share of the planner's forecast (planner on): how much more the demand may be than expected by the
/// time a new replica would be ready, <c>upper − central</c> at the learnt cold-start horizon, in replicas of
/// <see cref="CapacityPerReplica"/>. A placeholder holds one replica's GPUs, so that many placeholders keep a node warm
/// for each replica the forecast may be short by. <see cref="Replicas"/> is null while the forecast or the capacity is
/// not known (forecaster warming up, forecast off, no request shape yet): the pool then sizes as without the planner.
/// </summary>
internal sealed record ForecastHeadroom(double? Central, double? Upper, double? CapacityPerReplica, int HorizonSeconds)
{
    // Rounding slack so that exactly k replicas' worth of uncertainty asks for k, not k + 1.
    private const double Epsilon = 1e-9;

    public int? Replicas =>
        Central is { } central && Upper is { } upper && CapacityPerReplica is { } capacity
        && double.IsFinite(central) && double.IsFinite(upper) && double.IsFinite(capacity) && capacity > 0
            ? (int)Math.Ceiling((Math.Max(0, upper - central) / capacity) - Epsilon)
            : null;

    public string Describe() => Replicas is { } replicas
        ? string.Create(CultureInfo.InvariantCulture,
            $"forecast headroom {replicas} ((upper {Upper:0.###} − central {Central:0.###} req/s) / {CapacityPerReplica:0.###} req/s per replica, {HorizonSeconds} s ahead)")
        : "no forecast headroom (none yet, or forecast off)";
}
