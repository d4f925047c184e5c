using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus;
namespace Autoscale.MetricsAdapter.Tests.Catalog.Rules;

/// <summary>Rule answers set by the test, as the Prometheus source would hold them after a poll.</summary>
internal sealed class FakeRuleValues : IRuleValues
{
    public Dictionary<RuleQueryKey, RuleAnswer> Answers { get; } = [];

    public Dictionary<(string Metric, GroupResource Resource), string> Labels { get; } = [];

    public List<string> External { get; } = [];

    public List<RuleQueryKey> Prepared { get; } = [];

    public IReadOnlyList<ServedRuleMetric> CustomMetrics =>
        [.. Labels.Keys.Select(k => new ServedRuleMetric(k.Metric, k.Resource, k.Resource != GroupResource.Namespaces))];

    public IReadOnlyList<string> ExternalMetrics => External;

    public bool ServesCustom(string metric) => Labels.Keys.Any(k => k.Metric == metric);

    public bool ServesExternal(string metric) => External.Contains(metric);

    public string? ObjectLabel(string metric, GroupResource resource) => Labels.GetValueOrDefault((metric, resource));

    public ValueTask PrepareAsync(RuleQueryKey key, LabelSelector metricSelector, CancellationToken cancellationToken)
    {
        Prepared.Add(key);
        return ValueTask.CompletedTask;
    }

    public RuleAnswer? Answer(RuleQueryKey key) => Answers.GetValueOrDefault(key);
}
