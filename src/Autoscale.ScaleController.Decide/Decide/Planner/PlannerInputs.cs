namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// What the planner sizes from. <see cref="Forecast"/> is demand at the learnt p90 cold start (null while the
/// forecaster warms up); <see cref="Capacity"/> is what a fleet of each size serves (<see cref="FleetCapacity"/>) with the
/// online correction applied (null when the demand shape is unknown). <see cref="ReplicasStarting"/> counts pods
/// pending a node, pulling or loading: capacity already on its way.
/// </summary>
internal sealed record PlannerInputs(
    DemandObservation? Demand,
    Forecast? Forecast,
    FleetCapacity? Capacity,
    int ReplicasReady,
    int ReplicasStarting,
    PlannerRecommendation? Last);
