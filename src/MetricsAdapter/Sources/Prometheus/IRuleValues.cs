using Autoscale.Kubernetes;
namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The values prometheus-adapter rules produce (the Prometheus source implements it): what they list, and the answer
/// to each rule query, kept fresh at the poll interval once it has been asked for.
/// </summary>
internal interface IRuleValues
{
    /// <summary>Custom metrics the rules serve, each for the resources its series name, namespaced as the resource is.</summary>
    IReadOnlyList<ServedRuleMetric> CustomMetrics { get; }

    /// <summary>Names of the external metrics the <c>externalRules</c> serve.</summary>
    IReadOnlyList<string> ExternalMetrics { get; }

    /// <summary>Whether a rule serves this custom metric name (for any resource): then no built-in answers for it.</summary>
    bool ServesCustom(string metric);

    bool ServesExternal(string metric);

    /// <summary>The label whose value names the object in a custom answer, or null when no rule serves the metric for the resource.</summary>
    string? ObjectLabel(string metric, GroupResource resource);

    /// <summary>
    /// Makes sure <paramref name="key"/> has been queried at least once. The first request for a key waits for one query,
    /// as prometheus-adapter's every request does; from then on it is polled, and requests read the last answer.
    /// </summary>
    ValueTask PrepareAsync(RuleQueryKey key, LabelSelector metricSelector, CancellationToken cancellationToken);

    /// <summary>The last answer, or null when the key was never prepared.</summary>
    RuleAnswer? Answer(RuleQueryKey key);
}
