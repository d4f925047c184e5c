namespace Autoscale.LoadTest.Metrics;

/// <summary>One dcgm-exporter reading of the GPU a pod holds: <c>DCGM_FI_DEV_GPU_UTIL</c>, an integer percent.</summary>
internal sealed record GpuSample(string PodName, double At, int UtilPercent);
