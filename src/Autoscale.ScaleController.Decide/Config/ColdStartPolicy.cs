namespace Autoscale.ScaleController.Config;

/// <summary>How cold starts are learnt: history bound, the percentile used, and which samples are believed.</summary>
/// <param name="HistorySize">Samples kept per workload (newest win); bounds the HPA annotation's size.</param>
/// <param name="Percentile">Percentile of the total cold start used as the estimate (90 = p90).</param>
/// <param name="MinSamples">Below this many samples the configured default window applies.</param>
/// <param name="MaxSampleSeconds">Longer cold starts are rejected as absurd (a pod stuck on quota for hours).</param>
public sealed record ColdStartPolicy(int HistorySize, int Percentile, int MinSamples, int MaxSampleSeconds)
{
    public static ColdStartPolicy Default { get; } = new(HistorySize: 20, Percentile: 90, MinSamples: 1, MaxSampleSeconds: 3600);
}
