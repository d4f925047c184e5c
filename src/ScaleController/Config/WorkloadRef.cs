namespace Autoscale.ScaleController.Config;

/// <summary>Identity of a managed workload; config entries, observed state and placeholders all key on it.</summary>
internal sealed record WorkloadRef(string Namespace, string Name, WorkloadKind Kind = WorkloadKind.Deployment)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
