namespace Autoscale.LoadTest.Traces;

/// <summary>
/// The two replay knobs. <c>time-scale</c> stretches the clock (0.5 replays an hour in 30 minutes at twice the
/// rate); <c>rate-scale</c> multiplies the arrival rate while keeping the span and the per-minute shape, seeded so
/// the result is reproducible:
/// <list type="bullet">
/// <item>below 1, thinning: each request is kept independently with probability <c>rate-scale</c>, so a Poisson
/// stretch stays Poisson at the lower rate;</item>
/// <item>above 1, superposition: the original trace is kept as it is, and every extra copy of a request (⌊k⌋ − 1
/// of them, plus one more with probability k − ⌊k⌋) arrives at a uniformly random instant within the same
/// minute as its original.</item>
/// </list>
/// Why the same minute: it keeps each minute's count at k × the original (exactly, for an integer k), so the load
/// curve a policy follows is the trace's own, while a copy is independent of its original within the minute, so
/// superposing adds no burst the trace does not have. Placing copies a couple of seconds after their originals
/// (the earlier method) turned every original burst into a k-fold burst; shifting whole copies over the span
/// would instead move a copy of the peak into a quiet hour and flatten the day.
/// </summary>
internal static class TraceTransforms
{
    /// <summary>The bin whose count rate scaling preserves: the resolution of the load curves and the bounds.</summary>
    public const double MinuteSeconds = 60;

    public static Trace Apply(Trace trace, double rateScale, double timeScale, int seed)
    {
        if (rateScale == 1 && timeScale == 1)
        {
            return trace;
        }

        var random = new Random(seed);
        var whole = (int)Math.Floor(rateScale);
        var fraction = rateScale - whole;
        var end = trace.Requests.Count == 0 ? 0 : trace.Requests[^1].ArrivalSeconds * timeScale;
        var result = new List<(TraceRequest Request, int Order)>((int)Math.Min(int.MaxValue / 2, (trace.Requests.Count * Math.Max(1, rateScale) * 1.01) + 16));
        foreach (var original in trace.Requests)
        {
            var request = original with { ArrivalSeconds = original.ArrivalSeconds * timeScale };
            if (whole == 0)
            {
                if (random.NextDouble() < fraction)
                {
                    result.Add((request, result.Count));
                }

                continue;
            }

            result.Add((request, result.Count));
            var copies = whole - 1 + (fraction > 0 && random.NextDouble() < fraction ? 1 : 0);
            if (copies == 0)
            {
                continue;
            }

            // The minute as the trace spans it: the last one ends at the last arrival, so the span is unchanged.
            var from = Math.Floor(request.ArrivalSeconds / MinuteSeconds) * MinuteSeconds;
            var width = Math.Min(from + MinuteSeconds, end) - from;
            for (var copy = 0; copy < copies; copy++)
            {
                result.Add((request with { ArrivalSeconds = from + (random.NextDouble() * width) }, result.Count));
            }
        }

        // Without copies the trace's own order stands (a positive time scale keeps it): a day is a million requests.
        if (result.Count > trace.Requests.Count)
        {
            result.Sort(static (a, b) => a.Request.ArrivalSeconds != b.Request.ArrivalSeconds
                ? a.Request.ArrivalSeconds.CompareTo(b.Request.ArrivalSeconds)
                : a.Order.CompareTo(b.Order));
        }

        var ordered = new List<TraceRequest>(result.Count);
        foreach (var (request, _) in result)
        {
            ordered.Add(request with { Id = ordered.Count });
        }

        return new Trace(trace.Name, ordered);
    }
}
