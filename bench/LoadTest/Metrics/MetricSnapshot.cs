namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// What a scrape saw. Pods that do not serve /metrics yet (loading) are absent from <paramref name="Vllm"/>, never
/// zero. <paramref name="Gpu"/> is dcgm-exporter's view (null: not collected), which does include loading pods:
/// the exporter reports every allocated GPU whether or not vLLM is up.
/// </summary>
internal sealed record MetricSnapshot(double At, IReadOnlyList<VllmSample> Vllm, IReadOnlyList<CpuSample> Cpu, IReadOnlyList<GpuSample>? Gpu = null)
{
    public static MetricSnapshot Empty { get; } = new(double.NegativeInfinity, [], [], []);
}
