namespace Autoscale.MetricsAdapter.Sources;

/// <summary>The sources' loop reports each tick here; liveness fails when it stops ticking.</summary>
internal sealed class SourceHeartbeat(TimeSpan interval)
{
    private long _lastTickTicks = long.MinValue;

    public void Tick(DateTimeOffset now) => Volatile.Write(ref _lastTickTicks, now.UtcTicks);

    /// <summary>Alive before the first tick (start-up is readiness' business) and while ticks are younger than 1.5 × interval + 5 s.</summary>
    public bool IsAlive(DateTimeOffset now)
    {
        var last = Volatile.Read(ref _lastTickTicks);
        return last == long.MinValue || now.UtcTicks - last <= (interval * 1.5 + TimeSpan.FromSeconds(5)).Ticks;
    }
}
