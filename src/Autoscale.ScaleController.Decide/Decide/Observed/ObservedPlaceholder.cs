using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// A pod labelled <c>autoscale.dev/placeholder=true</c>. <paramref name="Owner"/> is null when its owner
/// annotation is missing or unreadable: such a pod is garbage. <paramref name="Running"/>: status.phase Running.
/// </summary>
public sealed record ObservedPlaceholder(
    string Namespace,
    string Name,
    WorkloadRef? Owner,
    string? TemplateHash,
    int Gpus,
    string? NodeName,
    bool Terminating = false,
    bool Running = false);
