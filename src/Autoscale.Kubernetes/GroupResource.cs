namespace Autoscale.Kubernetes;

/// <summary>
/// A group-qualified plural resource as <c>schema.GroupResource.String()</c> prints it: <c>pods</c>,
/// <c>deployments.apps</c>. This is the <c>{resource}</c> segment of custom metrics paths.
/// </summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    public static GroupResource Pods { get; } = new("", "pods");
    public static GroupResource Services { get; } = new("", "services");
    public static GroupResource Namespaces { get; } = new("", "namespaces");
    public static GroupResource Nodes { get; } = new("", "nodes");
    public static GroupResource Deployments { get; } = new("apps", "deployments");
    public static GroupResource StatefulSets { get; } = new("apps", "statefulsets");

    /// <summary>Splits at the first dot, as <c>schema.ParseGroupResource</c> does.</summary>
    public static GroupResource Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new GroupResource("", text) : new GroupResource(text[(dot + 1)..], text[..dot]);
    }

    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
