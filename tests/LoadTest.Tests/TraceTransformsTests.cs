using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed class TraceTransformsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Integer_rate_scale_multiplies_every_minutes_count_exactly(int k)
    {
        // Bursty on purpose: quiet minutes, a 5-minute burst and a tail that ends mid-minute.
        var trace = Poisson(seed: 11, (0.2, 600), (4, 300), (0.5, 630));

        var scaled = TraceTransforms.Apply(trace, k, 1, seed: 3);

        var before = PerMinute(trace);
        var after = PerMinute(scaled);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, minute => Assert.Equal(k * minute.Value, after[minute.Key]));
        Assert.Equal(trace.DurationSeconds, scaled.DurationSeconds, 9);
        Assert.Equal(Enumerable.Range(0, scaled.Requests.Count), scaled.Requests.Select(r => r.Id));
        Assert.True(scaled.Requests.Zip(scaled.Requests.Skip(1)).All(p => p.First.ArrivalSeconds <= p.Second.ArrivalSeconds));
    }

    [Fact]
    public void Copies_land_anywhere_in_their_minute_not_beside_their_original()
    {
        // Each request's input size is unique, so a copy can be paired with its original.
        var trace = Poisson(seed: 5, (1, 3600));

        var doubled = TraceTransforms.Apply(trace, 2, 1, seed: 9);

        var distances = doubled.Requests.GroupBy(r => r.InputTokens)
            .Select(g => Math.Abs(g.First().ArrivalSeconds - g.Last().ArrivalSeconds))
            .ToList();
        Assert.Equal(trace.Requests.Count, distances.Count);

        // Two independent uniform instants in a minute are 20 s apart on average and within 2 s of each other
        // 1 − (58/60)² ≈ 6.6 % of the time; a copy placed within 2 s of its original always is.
        Assert.InRange(distances.Average(), 17, 23);
        Assert.InRange(distances.Count(d => d < 2) / (double)distances.Count, 0.04, 0.09);
    }

    [Fact]
    public void Superposed_copies_add_no_coincident_arrivals()
    {
        var trace = Poisson(seed: 21, (1, 3600));

        var scaled = TraceTransforms.Apply(trace, 4, 1, seed: 2);

        // For Poisson arrivals at rate λ a gap is shorter than δ with probability 1 − e^(−λδ); allow 5 σ above.
        const double delta = 0.001;
        var rate = scaled.Requests.Count / scaled.DurationSeconds;
        var gaps = scaled.Requests.Count - 1;
        var expected = gaps * (1 - Math.Exp(-rate * delta));
        var close = scaled.Requests.Zip(scaled.Requests.Skip(1)).Count(p => p.Second.ArrivalSeconds - p.First.ArrivalSeconds < delta);
        Assert.InRange(close, 0, expected + (5 * Math.Sqrt(expected)));
    }

    [Fact]
    public void Thinning_keeps_each_request_independently_at_the_original_time()
    {
        var trace = Poisson(seed: 8, (2, 3600));

        var quarter = TraceTransforms.Apply(trace, 0.25, 1, seed: 4);
        var other = TraceTransforms.Apply(trace, 0.25, 1, seed: 5);

        // Binomial(n, 0.25): within 5 σ in total and in every minute.
        var n = trace.Requests.Count;
        Assert.InRange(quarter.Requests.Count, (0.25 * n) - (5 * Math.Sqrt(n * 0.1875)), (0.25 * n) + (5 * Math.Sqrt(n * 0.1875)));
        var before = PerMinute(trace);
        foreach (var (minute, count) in PerMinute(quarter))
        {
            var m = before[minute];
            Assert.InRange(count, 0, (0.25 * m) + (5 * Math.Sqrt(m * 0.1875)) + 1);
        }

        var originals = trace.Requests.ToDictionary(r => r.InputTokens, r => r.ArrivalSeconds);
        Assert.All(quarter.Requests, r => Assert.Equal(originals[r.InputTokens], r.ArrivalSeconds));
        Assert.NotEqual(quarter.Requests.Select(r => r.InputTokens), other.Requests.Select(r => r.InputTokens));
    }

    [Fact]
    public void Fractional_rate_scale_above_one_keeps_the_original_and_adds_part_of_a_copy()
    {
        var trace = Poisson(seed: 13, (1, 3600));

        var scaled = TraceTransforms.Apply(trace, 2.5, 1, seed: 6);

        var n = trace.Requests.Count;
        Assert.InRange(scaled.Requests.Count, (2.5 * n) - (5 * Math.Sqrt(n * 0.25)), (2.5 * n) + (5 * Math.Sqrt(n * 0.25)));
        var before = PerMinute(trace);
        Assert.All(PerMinute(scaled), minute => Assert.InRange(minute.Value, 2 * before[minute.Key], 3 * before[minute.Key]));
        Assert.True(trace.Requests.Select(r => r.ArrivalSeconds).ToHashSet().IsSubsetOf(scaled.Requests.Select(r => r.ArrivalSeconds)));
    }

    [Fact]
    public void Rate_scale_one_returns_the_trace_unchanged_and_time_scale_stretches_it()
    {
        var trace = Poisson(seed: 1, (0.5, 600));

        Assert.Equal(trace.Requests, TraceTransforms.Apply(trace, 1, 1, seed: 99).Requests);
        var stretched = TraceTransforms.Apply(trace, 1, 2, seed: 99);
        Assert.Equal(trace.Requests.Select(r => 2 * r.ArrivalSeconds), stretched.Requests.Select(r => r.ArrivalSeconds));
    }

    /// <summary>Seeded Poisson arrivals, (rate req/s, seconds) segments in turn; each request's input size is its id + 1.</summary>
    private static Trace Poisson(int seed, params (double Rate, double Seconds)[] segments)
    {
        var random = new Random(seed);
        var requests = new List<TraceRequest>();
        var start = 0.0;
        foreach (var (rate, seconds) in segments)
        {
            for (var t = start - (Math.Log(1 - random.NextDouble()) / rate); t < start + seconds; t -= Math.Log(1 - random.NextDouble()) / rate)
            {
                requests.Add(new TraceRequest(requests.Count, t, requests.Count + 1, 10));
            }

            start += seconds;
        }

        return new Trace("poisson", requests);
    }

    private static Dictionary<int, int> PerMinute(Trace trace) =>
        trace.Requests.GroupBy(r => (int)Math.Floor(r.ArrivalSeconds / TraceTransforms.MinuteSeconds)).ToDictionary(g => g.Key, g => g.Count());
}
