namespace Autoscale.VllmEmulator.Server;

/// <summary>A trace row given to a pod (<see cref="Pod"/> is null when no pod was ready and the row was dropped).</summary>
public readonly record struct TraceSubmission(TraceRequest Request, DateTimeOffset ArrivalAt, EmulatedVllmPod? Pod, bool Accepted);
