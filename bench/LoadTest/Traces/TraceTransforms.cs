namespace Autoscale.LoadTest.Traces;

/// <summary>
/// The two replay knobs. <c>time-scale</c> stretches the clock (0.5 replays an hour in 30 minutes at twice the
/// rate); <c>rate-scale</c> multiplies the arrival rate while keeping the span, by thinning (&lt;1) or by
/// superposing jittered copies of the trace (&gt;1), seeded so the result is reproducible.
/// </summary>
internal static class TraceTransforms
{
    public static Trace Apply(Trace trace, double rateScale, double timeScale, int seed)
    {
        var stretched = trace.Requests.Select(r => r with { ArrivalSeconds = r.ArrivalSeconds * timeScale });
        var random = new Random(seed);
        var result = new List<TraceRequest>();
        var whole = (int)Math.Floor(rateScale);
        var fraction = rateScale - whole;
        foreach (var request in stretched)
        {
            for (var copy = 0; copy < whole; copy++)
            {
                // Copies are shifted by a small random offset so superposed arrivals do not coincide.
                var jitter = copy == 0 ? 0 : random.NextDouble() * 2.0;
                result.Add(request with { ArrivalSeconds = request.ArrivalSeconds + jitter });
            }

            if (fraction > 0 && random.NextDouble() < fraction)
            {
                result.Add(request with { ArrivalSeconds = request.ArrivalSeconds + (whole == 0 ? 0 : random.NextDouble() * 2.0) });
            }
        }

        var ordered = result.OrderBy(r => r.ArrivalSeconds).ThenBy(r => r.Id).Select((r, i) => r with { Id = i }).ToList();
        return new Trace(trace.Name, ordered);
    }
}
