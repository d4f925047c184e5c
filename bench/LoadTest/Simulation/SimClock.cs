namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// The one clock every part of a run shares: virtual now, the event queue and the seeded random stream. One
/// stream for every draw (cold starts, loop phases) keeps a run a pure function of its seed.
/// </summary>
internal sealed class SimClock(int seed)
{
    public double Now { get; set; }

    public EventQueue Events { get; } = new();

    public Random Random { get; } = new(seed);

    public void Schedule(double time, EventKind kind, int target = 0, int version = 0) => Events.Schedule(time, kind, target, version);

    /// <summary>Independent loops start at seeded phases, as unsynchronised components do in a real cluster.</summary>
    public double Phase(double interval) => Random.NextDouble() * interval;
}
