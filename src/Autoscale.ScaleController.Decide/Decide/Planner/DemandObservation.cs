namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>The workload's request arrival rate now, with the time of the samples it was computed from (not "now").</summary>
internal sealed record DemandObservation(double RequestsPerSecond, DateTimeOffset ObservedAt);
