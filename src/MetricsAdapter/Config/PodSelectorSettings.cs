namespace Autoscale.MetricsAdapter.Config;

/// <summary>Pods to scrape besides those HPAs select: a namespace (empty: all) and a Kubernetes label selector.</summary>
internal sealed record PodSelectorSettings(string Namespace, string LabelSelector);
