namespace Autoscale.LoadTest.Policies;

/// <summary>Which per-replica rate the oracle sizes its fleet by: the SLO-capacity rate or the fluid bound's saturation rate.</summary>
internal enum OracleSizing
{
    Slo,
    Fluid,
}
