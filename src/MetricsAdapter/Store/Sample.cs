namespace Autoscale.MetricsAdapter.Store;

/// <summary>One observed value with the sample's own timestamp (never the time it was served).</summary>
internal readonly record struct Sample(double Value, DateTimeOffset Timestamp);
