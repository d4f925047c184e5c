namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>A kind as discovery serves it: the resource (plural) in a group/version, and whether it has <c>/scale</c>.</summary>
internal sealed record ResolvedResource(string Group, string Version, string Plural, bool Namespaced, bool HasScale)
{
    /// <summary><c>plural.group</c>, as RBAC rules and API errors name it.</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
