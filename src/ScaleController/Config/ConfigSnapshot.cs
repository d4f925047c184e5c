namespace Autoscale.ScaleController.Config;

/// <summary>The config in force, the errors of the latest refused edit (null if it was accepted), and its revision.</summary>
internal sealed record ConfigSnapshot(ControllerConfig Config, IReadOnlyList<string>? Errors, string? Revision);
