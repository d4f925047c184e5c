using Autoscale.MetricsAdapter.Sources.Prometheus.Client;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// How the source is doing, for the API and readiness to surface: the last error (kept after recovery, with its
/// time) and the last cycle in which every query succeeded. Thread-safe snapshots.
/// </summary>
internal sealed class PrometheusSourceStatus
{
    private State _state = new(null, null, null, 0);

    /// <summary>The last failure, or null if none ever happened.</summary>
    public PromError? LastError => Volatile.Read(ref _state).Error;

    public DateTimeOffset? LastErrorAt => Volatile.Read(ref _state).ErrorAt;

    /// <summary>End of the last cycle without any failed query.</summary>
    public DateTimeOffset? LastSuccessAt => Volatile.Read(ref _state).SuccessAt;

    /// <summary>Cycles in a row with at least one failed query; 0 while healthy.</summary>
    public int ConsecutiveFailedCycles => Volatile.Read(ref _state).FailedCycles;

    public bool Healthy => ConsecutiveFailedCycles == 0 && LastSuccessAt is not null;

    internal void CycleSucceeded(DateTimeOffset at)
    {
        var s = Volatile.Read(ref _state);
        Volatile.Write(ref _state, s with { SuccessAt = at, FailedCycles = 0 });
    }

    internal void CycleFailed(PromError error, DateTimeOffset at)
    {
        var s = Volatile.Read(ref _state);
        Volatile.Write(ref _state, s with { Error = error, ErrorAt = at, FailedCycles = s.FailedCycles + 1 });
    }

    private sealed record State(PromError? Error, DateTimeOffset? ErrorAt, DateTimeOffset? SuccessAt, int FailedCycles);
}
