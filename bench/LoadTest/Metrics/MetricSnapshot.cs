namespace Autoscale.LoadTest.Metrics;

/// <summary>What a scrape saw. Pods that do not serve /metrics yet (loading) are absent, never zero.</summary>
internal sealed record MetricSnapshot(double At, IReadOnlyList<VllmSample> Vllm, IReadOnlyList<CpuSample> Cpu)
{
    public static MetricSnapshot Empty { get; } = new(double.NegativeInfinity, [], []);
}
