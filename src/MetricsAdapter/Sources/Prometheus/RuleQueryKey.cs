using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// What one rule query answers: a metric for every object of a resource in a namespace (empty for root-scoped objects
/// and for external metrics of a rule with <c>namespaced: false</c>), under one metric label selector.
/// </summary>
/// <param name="MetricSelector">The selector's canonical text (it becomes PromQL matchers, so it is part of the query).</param>
/// <param name="External">An <c>externalRules</c> metric (Resource is then unused).</param>
internal readonly record struct RuleQueryKey(string Metric, GroupResource Resource, string Namespace, string MetricSelector, bool External);
