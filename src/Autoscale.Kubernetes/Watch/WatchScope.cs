namespace Autoscale.Kubernetes.Watch;

/// <summary>What a list/watch covers: one namespace (null: all) and optional label and field selectors.</summary>
public sealed record WatchScope(string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null)
{
    public static WatchScope All { get; } = new();

    /// <summary>A single object by name, e.g. one ConfigMap: <c>fieldSelector=metadata.name=…</c>.</summary>
    public static WatchScope Named(string? ns, string name) => new(ns, FieldSelector: $"metadata.name={name}");
}
