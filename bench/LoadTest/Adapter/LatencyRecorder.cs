using HdrHistogram;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// Thread-safe HdrHistogram of request latencies in microseconds (1 µs to 60 s, 3 significant digits). Open-loop
/// latency counts from the scheduled send (no coordinated omission), so it includes the generator's own lateness
/// (timer granularity, its GC and thread-pool wake-ups); the second histogram counts from the moment the request was
/// actually handed to HttpClient, which is what the adapter and the loopback network took.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly LongHistogram _histogram = new(60_000_000, 3);
    private readonly LongHistogram _fromSend = new(60_000_000, 3);
    private readonly Lock _lock = new();

    public long Errors { get; private set; }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void Record(TimeSpan latency) => Record(latency, latency);

    /// <summary>Records one request: from its scheduled send time, and from the moment it was actually sent.</summary>
    public void Record(TimeSpan fromSchedule, TimeSpan fromSend)
    {
        lock (_lock)
        {
            _histogram.RecordValue(Micros(fromSchedule));
            _fromSend.RecordValue(Micros(fromSend));
        }
    }

    public void Error()
    {
        lock (_lock)
        {
            Errors++;
        }
    }

    /// <summary>The latency at a percentile, in milliseconds.</summary>
    public double Milliseconds(double percentile)
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    /// <summary>The latency from the actual send at a percentile, in milliseconds.</summary>
    public double SentMilliseconds(double percentile)
    {
        lock (_lock)
        {
            return _fromSend.TotalCount == 0 ? 0 : _fromSend.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    public double MaxMilliseconds()
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
        }
    }

    private static long Micros(TimeSpan latency) => Math.Clamp((long)(latency.Ticks / 10.0), 1, 60_000_000);
}
