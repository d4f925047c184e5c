using Autoscale.Kubernetes;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>A Service's selector and an object's labels as the target watch keeps them (workload selectors: <see cref="LabelSelector.From"/>).</summary>
internal static class Selectors
{
    /// <summary>A Service's equality selector; null (no pods) when it has none, as for headless or external services.</summary>
    public static LabelSelector? From(IDictionary<string, string>? matchLabels) =>
        matchLabels is { Count: > 0 } ? LabelSelector.From(new V1LabelSelector { MatchLabels = matchLabels }) : null;

    public static IReadOnlyDictionary<string, string> Labels(V1ObjectMeta? meta) =>
        meta?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
