namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The oracle reference (not implementable: it reads the future of the trace). It keeps, at every instant, the
/// most replicas any bin in the next <c>lead</c> seconds needs by <paramref name="Sizing"/> (the SLO-feasible
/// bound's fleet, or the work bound's), divided by <paramref name="Utilization"/>. The lead is the
/// <paramref name="LeadQuantile"/> of a full cold start (node, GPU stack, image, model) under the cluster's delays,
/// so a replica it asks for is ready before its minute comes in that share of cases.
/// </summary>
internal sealed record OracleOptions(
    double Utilization = 1, double LeadQuantile = 0.95, double DecideEverySeconds = 10, OracleSizing Sizing = OracleSizing.Slo);
