namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Which fleet the oracle follows: the SLO-feasible bound's (<see cref="Slo"/>) or the work bound's, every replica
/// busy all the time (<see cref="Fluid"/>, the YAML's <c>sizing: fluid</c>).
/// </summary>
internal enum OracleSizing
{
    Slo,
    Fluid,
}
