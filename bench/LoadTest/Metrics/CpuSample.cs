namespace Autoscale.LoadTest.Metrics;

/// <summary>One metrics-server (kubelet/cAdvisor) CPU reading of a running container, milli-cores.</summary>
internal sealed record CpuSample(string PodName, double At, long UsageMilli);
