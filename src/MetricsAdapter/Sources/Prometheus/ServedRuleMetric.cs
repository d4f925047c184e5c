using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>A custom metric a rule serves for one resource, namespaced as the resource is (the catalog lists it in discovery).</summary>
internal readonly record struct ServedRuleMetric(string Name, GroupResource Resource, bool Namespaced);
