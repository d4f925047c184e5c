using Autoscale.Kubernetes.CustomMetrics;
using Autoscale.ScaleController.Watch.CustomMetrics;
using Autoscale.ScaleController.Watch.Demand;

namespace Autoscale.ScaleController.Tests.Watch.Demand;

public sealed class DemandAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Rates_are_summed_over_the_pods_and_latencies_weighted_by_what_they_average_over()
    {
        var reads = Reads(
            (DemandSeries.Arrivals, [2, 4]),
            (DemandSeries.Completions, [1, 3]),
            (DemandSeries.PromptTokens, [500, 1500]),
            (DemandSeries.GenerationTokens, [100, 300]),
            (DemandSeries.Waiting, [1, 5]),
            (DemandSeries.Running, [10, 20]),
            (DemandSeries.WaitingPromptTokens, [400, 2000]),
            (DemandSeries.KvCacheUsage, [0.2, 0.6]),
            (DemandSeries.TimeToFirstToken, [0.4, 0.8]),
            (DemandSeries.InterTokenLatency, [0.02, 0.04]),
            (DemandSeries.MeanPromptTokens, [400, 800]),
            (DemandSeries.MeanOutputTokens, [90, 0]));

        var (demand, why) = DemandAggregator.Combine(reads);

        Assert.NotNull(demand);
        Assert.Equal("2 pods", why);
        Assert.Equal((2, 6.0, 4.0, 2000.0, 400.0), (demand.Pods, demand.ArrivalRequestsPerSecond, demand.CompletedRequestsPerSecond, demand.PromptTokensPerSecond, demand.GenerationTokensPerSecond));
        Assert.Equal((6.0, 30.0, 2400.0), (demand.Waiting, demand.Running, demand.WaitingPromptTokens));
        Assert.Equal(0.4, demand.KvCacheUsage!.Value, 9);

        // TTFT by completions: (1·0.4 + 3·0.8) / 4; ITL by generated tokens: (100·0.02 + 300·0.04) / 400.
        Assert.Equal(0.7, demand.TimeToFirstTokenSeconds!.Value, 9);
        Assert.Equal(0.035, demand.InterTokenLatencySeconds!.Value, 9);
        Assert.Equal((500.0, 100.0), (demand.MeanPromptTokens, demand.MeanOutputTokens));

        // The window means per pod, averaged over the pods that report one (a 0 is no request finished: left out).
        Assert.Equal((600.0, 90.0), (demand.WindowMeanPromptTokens, demand.WindowMeanOutputTokens));

        // The oldest sample used (pod b's are 5 s older), and the adapter's rate window.
        Assert.Equal(T0.AddSeconds(-5), demand.ObservedAt);
        Assert.Equal(60, demand.WindowSeconds);
    }

    [Fact]
    public void Length_spreads_are_pooled_over_the_pods_that_report_a_mean_and_a_spread()
    {
        var reads = Required().Concat(Reads(
            (DemandSeries.MeanPromptTokens, [400, 800]),
            (DemandSeries.PromptTokensStandardDeviation, [300, 600]),
            (DemandSeries.MeanOutputTokens, [100, 0]),
            (DemandSeries.OutputTokensStandardDeviation, [50, 80]))).ToList();

        var (demand, _) = DemandAggregator.Combine(reads);

        // Prompts: second moments 300² + 400² and 600² + 800², mean 600: √((250,000 + 1,000,000) / 2 − 600²) = √265,000.
        Assert.Equal(Math.Sqrt(265_000), demand!.WindowPromptTokensStandardDeviation!.Value, 6);

        // Outputs: pod b finished nothing in the window (mean 0), so only pod a's spread counts.
        Assert.Equal(50.0, demand.WindowOutputTokensStandardDeviation!.Value, 9);

        // Not served: no spread, never a guess.
        Assert.Null(DemandAggregator.Combine([.. Required(), .. Reads((DemandSeries.MeanPromptTokens, [400, 800]))]).Demand!.WindowPromptTokensStandardDeviation);
    }

    [Theory]
    [InlineData(DemandSeries.Arrivals, MetricReadOutcome.NotFound)]
    [InlineData(DemandSeries.Completions, MetricReadOutcome.Timeout)]
    [InlineData(DemandSeries.PromptTokens, MetricReadOutcome.Unavailable)]
    [InlineData(DemandSeries.GenerationTokens, MetricReadOutcome.Invalid)]
    public void A_required_rate_not_read_gives_no_demand_and_says_which(string metric, string outcome)
    {
        var reads = Required().Select(r => r.Metric == metric ? SeriesRead.Failed(metric, outcome) : r).ToList();

        var (demand, why) = DemandAggregator.Combine(reads);

        Assert.Null(demand);
        Assert.Equal($"{metric}: {outcome}", why);
    }

    [Fact]
    public void Rates_describing_different_pods_are_a_partial_read_and_give_no_demand()
    {
        var reads = Required().Select(r => r.Metric == DemandSeries.PromptTokens ? r with { Items = r.Items!.Take(1).ToList() } : r).ToList();

        var (demand, why) = DemandAggregator.Combine(reads);

        Assert.Null(demand);
        Assert.Equal($"partial read: {DemandSeries.PromptTokens} describes 1 pods, {DemandSeries.Arrivals} 2", why);
    }

    [Fact]
    public void No_pod_reporting_is_no_demand_not_zero_demand()
    {
        var reads = Required().Select(r => r with { Items = [] }).ToList();

        var (demand, why) = DemandAggregator.Combine(reads);

        Assert.Null(demand);
        Assert.StartsWith("no pod reports demand", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_series_missing_or_covering_some_pods_are_left_out_not_zeroed()
    {
        var reads = Required().Concat(Reads(
            (DemandSeries.Waiting, [3])!,                           // pod a only: a partial sum would understate
            (DemandSeries.InterTokenLatency, [0.03]))).ToList();    // pod a only: pod b had no weight to give
        reads.Add(SeriesRead.Failed(DemandSeries.Running, MetricReadOutcome.NotFound));

        var (demand, _) = DemandAggregator.Combine(reads);

        Assert.NotNull(demand);
        Assert.Null(demand.Waiting);
        Assert.Null(demand.Running);
        Assert.Null(demand.KvCacheUsage);
        Assert.Null(demand.TimeToFirstTokenSeconds);
        Assert.Equal(0.03, demand.InterTokenLatencySeconds);
    }

    [Fact]
    public void Arrivals_dipping_below_zero_read_as_zero()
    {
        var reads = Required().Select(r => r.Metric == DemandSeries.Arrivals ? Series(r.Metric, -0.5, 0.2) : r).ToList();

        Assert.Equal(0, DemandAggregator.Combine(reads).Demand!.ArrivalRequestsPerSecond);
    }

    private static List<SeriesRead> Required() => Reads(
        (DemandSeries.Arrivals, [1, 1]), (DemandSeries.Completions, [1, 1]), (DemandSeries.PromptTokens, [100, 100]), (DemandSeries.GenerationTokens, [50, 50]));

    private static List<SeriesRead> Reads(params (string Metric, double[] PerPod)[] series) =>
        series.Select(s => Series(s.Metric, s.PerPod)).ToList();

    // Pod a sampled at T0, pod b 5 s earlier.
    private static SeriesRead Series(string metric, params double[] perPod) =>
        new(metric, perPod.Select((v, i) => Item(i == 0 ? "qwen-a" : "qwen-b", T0.AddSeconds(-5 * i), v, 60)).ToList(), MetricReadOutcome.Ok);

    private static MetricValue Item(string pod, DateTimeOffset at, double value, double window) =>
        new(pod, at, $"{(long)Math.Round(value * 1000)}m", (long)Math.Round(value * 1000), window);
}
