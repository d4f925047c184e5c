using System.Globalization;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// Desired replicas from demand, its forecast and the capacity per replica. Pure: inputs and the time in, a
/// recommendation out; the controller and the simulator run it alike.
/// Rules: size for the larger of demand now and the forecast's upper quantile at the cold-start horizon; the
/// smallest N whose fleet capacity covers it (<see cref="FleetCapacity.ReplicasFor"/>: the mean model and the TPOT
/// tail). Demand is a rate, not a backlog, so a queue that piles up while replicas load asks for nothing more:
/// replicas starting are capacity on its way, and the step limit counts from ready plus starting, so a burst during a
/// cold start never asks for more than the burst needs. Down: no faster than the demand
/// sized for fell (a capacity estimate that jumps does not shed replicas by itself), and at most the step; the HPA's
/// learnt scale-down window still applies downstream. Missing or stale demand, or no capacity: no recommendation.
/// </summary>
internal static class PlannerRecommender
{
    // Rounding slack for the proportional step-down.
    private const double Epsilon = 1e-9;

    public static PlannerRecommendation Recommend(PlannerInputs inputs, DateTimeOffset now, PlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Demand is not { } demand)
        {
            return PlannerRecommendation.None("no demand observation", now);
        }

        if (!double.IsFinite(demand.RequestsPerSecond) || demand.RequestsPerSecond < 0)
        {
            return PlannerRecommendation.None("demand is not a rate", now);
        }

        var age = (now - demand.ObservedAt).TotalSeconds;
        if (age > options.MaxInputAgeSeconds)
        {
            return PlannerRecommendation.None(Format($"demand is stale ({age:0} s old, limit {options.MaxInputAgeSeconds} s)"), now);
        }

        // A forecast that is not a number is treated as no forecast: demand now still sizes the workload.
        double? upper = inputs.Forecast is { } f && double.IsFinite(f.Upper) && f.Upper >= 0 ? f.Upper : null;
        var sizedFor = Math.Max(demand.RequestsPerSecond, upper ?? 0);
        if (inputs.Capacity is not { } fleet || !double.IsFinite(fleet.PerReplica) || fleet.PerReplica <= 0)
        {
            // No demand needs no service model: the floor. (A quiet workload may never complete a request inside one
            // of the adapter's short rate windows, so its request shape, and with it the capacity, stays unknown;
            // publishing nothing would leave the HPA unable to scale it down.)
            if (sizedFor <= 0)
            {
                var floor = options.AllowScaleToZero ? 0 : 1;
                return new PlannerRecommendation(floor, Format($"no demand (0 req/s, no capacity model needed): {floor} replicas"), now, 0, upper, double.NaN, inputs.ReplicasStarting, 0);
            }

            return PlannerRecommendation.None("no capacity per replica", now);
        }

        var needed = sizedFor > 0
            ? fleet.ReplicasFor(sizedFor)
            : options.AllowScaleToZero ? 0 : 1;
        var capacity = fleet.PerReplicaAt(Math.Max(1, needed));

        var onItsWay = Math.Max(0, inputs.ReplicasReady) + Math.Max(0, inputs.ReplicasStarting);
        var replicas = Math.Min(needed, Math.Max(onItsWay, 0) + options.MaxStep);
        var limit = string.Empty;
        if (replicas < needed)
        {
            limit = Format($", step-limited from {needed}");
        }

        if (inputs.Last is { Replicas: { } last } previous
            && (now - previous.At).TotalSeconds <= options.LastRecommendationTtlSeconds
            && replicas < last)
        {
            // Down no faster than the demand sized for fell, and no more than the step at once.
            var byDemand = previous.SizedFor > 0 ? (int)Math.Ceiling((last * sizedFor / previous.SizedFor) - Epsilon) : 0;
            var floor = Math.Max(byDemand, last - options.MaxStep);
            if (floor > replicas)
            {
                limit = Format($", step-down limited from {needed} (last {last} for {previous.SizedFor:0.###} req/s)");
                replicas = Math.Min(floor, last);
            }
        }

        if (sizedFor > 0)
        {
            replicas = Math.Max(1, replicas);
        }

        var forecastText = upper is { } u ? Format($"forecast upper {u:0.###} req/s") : "no forecast";
        var reason = Format(
            $"demand {demand.RequestsPerSecond:0.###} req/s, {forecastText}, capacity {capacity:0.###} req/s per replica, {inputs.ReplicasReady} ready, {inputs.ReplicasStarting} starting: {replicas} replicas{limit}");
        return new PlannerRecommendation(replicas, reason, now, demand.RequestsPerSecond, upper, capacity, inputs.ReplicasStarting, sizedFor);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
