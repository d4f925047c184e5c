using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>Pods to scrape: those in <see cref="Namespace"/> (null: any) matching <see cref="Selector"/>.</summary>
internal sealed record PodSelection(string? Namespace, LabelSelector Selector)
{
    public bool Matches(string ns, IReadOnlyDictionary<string, string> labels) =>
        (Namespace is null || Namespace == ns) && Selector.Matches(labels);
}
