namespace Autoscale.LoadTest.Report;

/// <summary>
/// Where a policy's misses (servable requests that missed the SLO) came from: by part (dropped, TTFT only, TPOT
/// only, both) and by circumstance (arrived in the start transient; arrived while the policy asked for the cluster's
/// maximum nodes, so the cap, not the decision, held it back). The circumstances overlap the parts.
/// </summary>
public sealed record MissBreakdown(int Total, int Dropped, int TtftOnly, int TpotOnly, int Both, int InStartTransient, int WhileCapped);
