namespace Autoscale.Testing.KubeApi.Catalog;

/// <summary>
/// A CRD's <c>subresources.scale</c>: where in the custom object Scale's spec.replicas, status.replicas and
/// status.selector live (dot paths such as <c>.spec.replicas</c>; the selector field holds a selector string).
/// </summary>
internal sealed record CustomScale(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath)
{
    public static string[] Segments(string path) => path.Split('.', StringSplitOptions.RemoveEmptyEntries);
}
