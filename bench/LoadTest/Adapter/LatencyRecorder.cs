using HdrHistogram;

namespace Autoscale.LoadTest.Adapter;

/// <summary>Thread-safe HdrHistogram of request latencies in microseconds (1 µs to 60 s, 3 significant digits).</summary>
internal sealed class LatencyRecorder
{
    private readonly LongHistogram _histogram = new(60_000_000, 3);
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

    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)(latency.Ticks / 10.0), 1, 60_000_000);
        lock (_lock)
        {
            _histogram.RecordValue(micros);
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

    public double MaxMilliseconds()
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;
        }
    }
}
