using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// A served name a rule produced at relist, with the resources its series' labels name. For each resource, the series
/// and rule that answer it (<see cref="RuleRegistry.Find"/>): as upstream keys its registry by (resource, metric), two
/// rules may serve one name for different resources.
/// </summary>
internal sealed record RuleMetric(string Name, string SeriesName, AdapterRule Rule, IReadOnlyList<GroupResource> Resources);
