namespace Autoscale.LoadTest.Policies;

/// <summary>Desired replicas, what the HPA (or KPA) writes to the workload's scale subresource.</summary>
internal sealed record ScaleDecision(int Replicas);
