using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>A served custom metric: the resource it describes, whether that is namespaced, and its name.</summary>
internal sealed record CustomMetricInfo(GroupResource Resource, bool Namespaced, string Metric);
