namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>How many placeholders a workload wants before the global budget, and why, for logs and reasons.</summary>
internal sealed record PoolTarget(int Wanted, int GpusPerPlaceholder, string Why);
