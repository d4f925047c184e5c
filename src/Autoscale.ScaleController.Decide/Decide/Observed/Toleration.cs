namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>A pod toleration copied verbatim from the workload's template onto its placeholders.</summary>
public sealed record Toleration(string? Key, string? Operator, string? Value, string? Effect, long? TolerationSeconds = null);
