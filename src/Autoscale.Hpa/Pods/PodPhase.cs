namespace Autoscale.Hpa.Pods;

/// <summary>core/v1 <c>PodPhase</c>.</summary>
public enum PodPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}
