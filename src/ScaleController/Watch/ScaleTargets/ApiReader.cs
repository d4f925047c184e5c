using Autoscale.ScaleController.Kube;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// Discovery documents, a custom object and its /scale, read with <see cref="PlainGet"/>: the typed client has no
/// call for an arbitrary group's discovery or for a core-group /scale.
/// </summary>
internal sealed class ApiReader(k8s.Kubernetes client)
{
    public async Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await PlainGet.SendAsync(client, path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new ApiAnswer((int)response.StatusCode, body);
    }

    /// <summary><c>api/v1</c> for the core group, <c>apis/{group}/{version}</c> otherwise.</summary>
    public static string GroupVersionPath(string group, string version) =>
        group.Length == 0 ? $"api/{Uri.EscapeDataString(version)}" : $"apis/{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(version)}";

    /// <summary>The object's path (and <c>/{subresource}</c>): <c>{group-version}/namespaces/{ns}/{plural}/{name}</c>.</summary>
    public static string ObjectPath(ResolvedResource resource, string ns, string name, string? subresource = null) =>
        $"{GroupVersionPath(resource.Group, resource.Version)}{(resource.Namespaced ? "/namespaces/" + Uri.EscapeDataString(ns) : "")}"
        + $"/{Uri.EscapeDataString(resource.Plural)}/{Uri.EscapeDataString(name)}{(subresource is null ? "" : "/" + subresource)}";
}
