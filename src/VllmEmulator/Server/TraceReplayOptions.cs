namespace Autoscale.VllmEmulator.Server;

/// <summary>How a trace is replayed.</summary>
public sealed record TraceReplayOptions
{
    /// <summary>Trace seconds per TimeProvider second: 10 replays an hour in six minutes.</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>
    /// Requests per trace row: 2 sends each row twice, 0.5 every other row. Deterministic (fractional credit), so
    /// a replay is repeatable.
    /// </summary>
    public double RateScale { get; init; } = 1.0;

    public RoutingPolicy Routing { get; init; } = RoutingPolicy.RoundRobin;
}
