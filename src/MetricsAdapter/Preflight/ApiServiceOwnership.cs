using k8s.Models;

namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// Decides, for each APIService the adapter registers, who owns it today. Only one APIService per group/version can
/// exist, so registering ours replaces another adapter's and every HPA on that adapter's metrics loses them.
/// </summary>
internal static class ApiServiceOwnership
{
    /// <summary>The APIServices an install registers: custom.metrics.k8s.io v1beta2 and v1beta1, external when enabled.</summary>
    public static IReadOnlyList<string> Registered(bool externalMetrics) =>
        externalMetrics
            ? ["v1beta2.custom.metrics.k8s.io", "v1beta1.custom.metrics.k8s.io", "v1beta1.external.metrics.k8s.io"]
            : ["v1beta2.custom.metrics.k8s.io", "v1beta1.custom.metrics.k8s.io"];

    /// <param name="name">The APIService's name.</param>
    /// <param name="existing">The APIService as read from the cluster; null when it does not exist.</param>
    /// <param name="ours">This adapter's Service.</param>
    public static ApiServiceFinding Judge(string name, V1APIService? existing, ServiceRef ours)
    {
        if (existing is null)
        {
            return new ApiServiceFinding(name, ApiServiceOwner.None, null, null);
        }

        var available = existing.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available")?.Status;
        if (existing.Spec?.Service is not { } service)
        {
            return new ApiServiceFinding(name, ApiServiceOwner.Local, null, available);
        }

        var target = new ServiceRef(service.NamespaceProperty ?? "", service.Name ?? "");
        var owner = target == ours ? ApiServiceOwner.Ours : ApiServiceOwner.Foreign;
        return new ApiServiceFinding(name, owner, target, available);
    }
}
