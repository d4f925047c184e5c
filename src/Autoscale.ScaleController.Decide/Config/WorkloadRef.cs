namespace Autoscale.ScaleController.Config;

/// <summary>Identity of a managed workload; config entries, observed state and placeholders all key on it.</summary>
public sealed record WorkloadRef(string Namespace, string Name, WorkloadKind Kind)
{
    /// <summary>A Deployment, the default kind.</summary>
    public WorkloadRef(string @namespace, string name)
        : this(@namespace, name, WorkloadKind.Deployment)
    {
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
