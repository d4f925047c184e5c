namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>One APIService the adapter registers and who owns it now.</summary>
/// <param name="Name">e.g. <c>v1beta1.custom.metrics.k8s.io</c>.</param>
/// <param name="Service">The Service it points at (null when none or not registered).</param>
/// <param name="Available">Its Available condition (True, False, Unknown), when registered.</param>
internal sealed record ApiServiceFinding(string Name, ApiServiceOwner Owner, ServiceRef? Service, string? Available)
{
    /// <summary>Installing would take this group/version away from whatever serves it now.</summary>
    public bool IsTakeover => Owner is ApiServiceOwner.Foreign or ApiServiceOwner.Local;

    public string Describe() => Owner switch
    {
        ApiServiceOwner.None => "not registered: it will be created",
        ApiServiceOwner.Ours => $"already points at this adapter ({Service}): kept",
        ApiServiceOwner.Local => "served by the kube-apiserver itself (no service)",
        _ => $"points at service {Service} (Available={Available ?? "Unknown"})",
    };
}
