namespace Autoscale.LoadTest.Controller;

/// <summary>An Event the planner recorded on the HPA at virtual time <paramref name="At"/>: the number published (null: stopped) and why.</summary>
internal sealed record PlannerEvent(double At, int? Replicas, string Reason, string Message);
