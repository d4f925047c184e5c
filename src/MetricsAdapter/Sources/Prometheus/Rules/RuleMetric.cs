using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// A served name a rule produced at relist: the Prometheus series behind it and the resources its labels name (a
/// <c>namespace</c> label makes it a namespace metric too, as upstream lists it).
/// </summary>
internal sealed record RuleMetric(string Name, string SeriesName, AdapterRule Rule, IReadOnlyList<GroupResource> Resources)
{
    public string? NamespaceLabel => Rule.Resources.LabelFor(GroupResource.Namespaces);

    public string? PodLabel => Rule.Resources.LabelFor(GroupResource.Pods);

    /// <summary>This source feeds per-pod values: only metrics whose series name a pod and a namespace are polled.</summary>
    public bool ServesPods =>
        Resources.Contains(GroupResource.Pods) && Resources.Contains(GroupResource.Namespaces) && PodLabel is not null && NamespaceLabel is not null;

    /// <summary>
    /// The catalog entry: a gauge, since the rule's query already computes what is served (rates included); pods of an
    /// object are summed, as a <c>sum(...) by (deployment)</c> query would.
    /// </summary>
    public MetricDefinition ToDefinition() =>
        new(Name, MetricKind.Gauge, Aggregation.Sum, Aggregation.Sum, [SeriesName],
            $"From a prometheus-adapter rule (line {Rule.Line}): {Rule.MetricsQuery.Text}");
}
