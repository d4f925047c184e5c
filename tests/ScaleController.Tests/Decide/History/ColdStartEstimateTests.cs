using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.History;
using static Autoscale.ScaleController.Tests.Decide.Fixtures;

namespace Autoscale.ScaleController.Tests.Decide.History;

public sealed class ColdStartEstimateTests
{
    [Theory]
    [InlineData(new[] { 300 }, 90, 300)]                                      // one sample is its own p90
    [InlineData(new[] { 100, 200 }, 90, 200)]
    [InlineData(new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 90, 90)]  // nearest rank: ceil(0.9 × 10) = 9th
    [InlineData(new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 50, 50)]
    [InlineData(new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 100, 100)]
    [InlineData(new[] { 100, 10, 50 }, 1, 10)]                               // order of the history does not matter
    public void Percentile_is_nearest_rank(int[] totals, int percentile, int expected)
    {
        var estimate = ColdStartEstimate.From(HistoryOf(totals), ColdStartPolicy.Default with { Percentile = percentile });

        Assert.Equal(expected, estimate!.TotalSeconds);
        Assert.Equal(totals.Length, estimate.Samples);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public void Too_few_samples_give_no_estimate(int samples, int minSamples)
    {
        var estimate = ColdStartEstimate.From(HistoryOf([.. Enumerable.Repeat(100, samples)]), ColdStartPolicy.Default with { MinSamples = minSamples });

        Assert.Null(estimate);
    }
}
