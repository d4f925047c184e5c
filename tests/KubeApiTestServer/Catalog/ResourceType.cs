namespace Autoscale.Testing.KubeApi.Catalog;

/// <summary>
/// One served resource: what discovery lists and what the store keys objects by. <see cref="Scale"/> is set for a
/// custom resource whose CRD declares the scale subresource (built-in kinds derive their Scale from spec.selector).
/// </summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Resource,
    string Kind,
    bool Namespaced,
    bool HasStatus = false,
    bool HasScale = false,
    string[]? ShortNames = null,
    CustomScale? Scale = null)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The "resource.group" form the real server uses in error messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public string GroupResource => $"{Group}/{Resource}";
}
