using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

public sealed class HistogramMomentsTests
{
    /// <summary>vLLM's <c>build_1_2_5_buckets(32768)</c>: the bounds of its per-request token histograms.</summary>
    private static readonly double[] TokenBounds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.5)]
    [InlineData(3, 3.5)]
    [InlineData(750, 750)]
    [InlineData(1000, 750)]
    [InlineData(1001, 1500)]
    [InlineData(50_000, 20000)] // above the last bound: the +Inf bucket, answered at the highest finite bound
    public void An_observation_counts_at_its_bucket_midpoint(double value, double midpoint) =>
        Assert.Equal(midpoint, HistogramMoments.Midpoint(TokenBounds, value));

    [Fact]
    public void Totals_of_cumulative_buckets_equal_the_sum_of_each_observations_midpoint()
    {
        double[] observations = [3, 40, 45, 700, 900, 1500, 30_000];
        var buckets = Cumulative(observations);
        Span<double> totals = stackalloc double[HistogramMoments.Totals];

        Assert.True(HistogramMoments.TryTotals(buckets, totals));

        Assert.Equal(observations.Length, totals[0]);
        Assert.Equal(observations.Sum(x => HistogramMoments.Midpoint(TokenBounds, x)), totals[1], 6);
        Assert.Equal(observations.Sum(x => Math.Pow(HistogramMoments.Midpoint(TokenBounds, x), 2)), totals[2], 3);
    }

    [Fact]
    public void Unusable_buckets_give_no_totals()
    {
        Span<double> totals = stackalloc double[HistogramMoments.Totals];
        Assert.False(HistogramMoments.TryTotals([(100, 3), (200, 5)], totals)); // no +Inf bucket
        Assert.False(HistogramMoments.TryTotals([(double.PositiveInfinity, 5)], totals)); // nothing but +Inf
        Assert.False(HistogramMoments.TryTotals([(100, 3), (200, 2), (double.PositiveInfinity, 5)], totals)); // falls
        Assert.False(HistogramMoments.TryTotals([(100, double.NaN), (double.PositiveInfinity, 5)], totals));
        Assert.True(HistogramMoments.TryTotals([(200, 5), (double.PositiveInfinity, 5), (100, 3)], totals)); // any order
        Assert.Equal((5.0, (3 * 50.0) + (2 * 150.0)), (totals[0], totals[1]));
    }

    [Fact]
    public void No_observations_have_no_standard_deviation() =>
        Assert.True(double.IsNaN(HistogramMoments.StandardDeviation(0, 0, 0)));

    /// <summary>
    /// The spread read from vLLM's coarse buckets against the spread of the observations themselves: log-normal request
    /// lengths (the shape the planner assumes) with medians of 30–2,000 tokens and coefficients of variation 0.3–1.5.
    /// Midpoints read them within 0.12 (they err high at small spreads, where a bucket is wider than the spread).
    /// </summary>
    [Theory]
    [InlineData(30, 0.3)]
    [InlineData(100, 0.5)]
    [InlineData(250, 0.8)]
    [InlineData(1000, 1.0)]
    [InlineData(2000, 0.8)]
    [InlineData(250, 1.5)]
    [InlineData(1000, 0.3)]
    public void The_midpoint_spread_of_log_normal_lengths_is_close_to_theirs(double median, double cv)
    {
        var random = new Random(7);
        var sigma = Math.Sqrt(Math.Log(1 + (cv * cv)));
        var lengths = Enumerable.Range(0, 4000)
            .Select(_ => Math.Max(1, Math.Round(median * Math.Exp(sigma * Normal(random)))))
            .ToArray();
        var mean = lengths.Average();
        var trueCv = Math.Sqrt(lengths.Average(x => (x - mean) * (x - mean))) / mean;
        Span<double> totals = stackalloc double[HistogramMoments.Totals];
        Assert.True(HistogramMoments.TryTotals(Cumulative(lengths), totals));

        var readCv = HistogramMoments.StandardDeviation(totals[0], totals[1], totals[2]) / (totals[1] / totals[0]);

        Assert.InRange(readCv - trueCv, -0.12, 0.12);
    }

    private static List<(double Bound, double Count)> Cumulative(double[] observations) =>
        [.. TokenBounds.Select(b => (b, (double)observations.Count(x => x <= b))), (double.PositiveInfinity, observations.Length)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
