namespace Autoscale.LoadTest.Policies;

/// <summary>Desired replicas, and desired placeholder pods (warm GPU nodes) — 0 for policies without a warm pool.</summary>
internal sealed record ScaleDecision(int Replicas, int Placeholders);
