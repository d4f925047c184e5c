namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// <c>DCGM_FI_DEV_GPU_UTIL</c> of the GPU a vLLM pod holds. The field is NVML's utilization.gpu: "percent of time
/// over the past sample period during which one or more kernels was executing on the GPU" (NVML API reference,
/// nvmlUtilization_t; dcgm-exporter default-counters.csv "GPU utilization (in %)"; the sample period is 1/6 s to
/// 1 s depending on the product). It measures duty cycle, not work: a vLLM engine with even one running sequence
/// launches a forward pass every step, back to back, so the GPU reads ~100 % from the first request on
/// (dcgm-exporter #301; the AIBrix author there: "GPU utilization becomes very high if there's even single
/// request"; GKE's LLM autoscaling best practices discourage it for the same reason). So it is modelled as the
/// engine's busy fraction over its last ≥ 1 s window — honest, and exactly why the baseline is weak. A loading pod
/// reads 0: copying weights is a memcpy (DCGM_FI_DEV_MEM_COPY_UTIL), not a kernel.
/// </summary>
internal static class GpuUtilModel
{
    /// <summary>dcgm-exporter publishes the NVML integer percent.</summary>
    public static int Percent(double busyFraction) => (int)Math.Round(100 * Math.Clamp(busyFraction, 0, 1));
}
