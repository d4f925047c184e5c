namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The oracle reference (not implementable: it reads the future of the trace). It keeps, at every instant, the
/// replicas that the next <c>lead</c> seconds of demand need at <paramref name="Utilization"/> of a replica's
/// <paramref name="Sizing"/> rate (the SLO-capacity rate measured for the run, or the fluid bound's saturation
/// rate, which reproduces the bound's own fleet one lead early). The lead is the
/// <paramref name="LeadQuantile"/> of a full cold start (node, GPU stack, image, model) under the cluster's delays,
/// so a replica it asks for is ready before its minute comes in that share of cases.
/// </summary>
internal sealed record OracleOptions(
    double Utilization = 1, double LeadQuantile = 0.95, double DecideEverySeconds = 10, OracleSizing Sizing = OracleSizing.Slo);
