using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Prometheus;

namespace Autoscale.MetricsAdapter.Catalog.Rules;

/// <summary>
/// Answers custom and external metric reads for rule metrics from the rule queries' last answers, the way
/// prometheus-adapter's providers turn a query result into replies (pkg/custom-provider <c>MatchValuesToNames</c> and
/// <c>metricsFor</c>, pkg/external-provider <c>metric_converter.go</c>): an object's value is the result series whose
/// resource label names it (the last one when several do), an external reply has one item per result series with all
/// its labels. Unlike upstream, values carry Prometheus' evaluation time instead of "now", NaN is omitted instead of
/// served as 0, a failing Prometheus is named in the Status, and pods that are not capacity follow the serving policy.
/// </summary>
internal static class RuleValuesReader
{
    public static RuleQueryKey KeyFor(CustomMetricInfo info, string ns, LabelSelector metricSelector) =>
        new(info.Metric, info.Resource, ns, metricSelector.ToString(), External: false);

    public static RuleQueryKey KeyFor(ExternalMetricInfo info, string ns, LabelSelector metricSelector) =>
        new(info.Metric, new GroupResource("", ""), ns, metricSelector.ToString(), External: true);

    public static MetricValueList ByName(IRuleValues rules, MetricSnapshot snapshot, ObjectKey name, CustomMetricInfo info, LabelSelector metricSelector, ServingPolicy policy, DateTimeOffset now)
    {
        var (samples, label) = Fresh(rules, KeyFor(info, name.Namespace, metricSelector), info, policy, now);
        var list = new MetricValueList(1);
        if (Latest(samples, label, name.Name) is { } sample && TryValue(snapshot, info, name.Namespace, name.Name, sample, policy, now, out var value))
        {
            list.Add(value);
            return list;
        }

        list.Dispose();
        throw new ApiStatusException(ApiStatus.MetricNotFoundFor(info.Resource, info.Metric, name.Name));
    }

    public static MetricValueList BySelector(
        IRuleValues rules, MetricSnapshot snapshot, string ns, LabelSelector selector, CustomMetricInfo info, LabelSelector metricSelector, ServingPolicy policy, DateTimeOffset now)
    {
        var (samples, label) = Fresh(rules, KeyFor(info, ns, metricSelector), info, policy, now);
        var names = ObjectNames(snapshot, ns, selector, info, samples, label);
        var list = new MetricValueList(names.Count);
        foreach (var objectName in names)
        {
            if (Latest(samples, label, objectName) is { } sample && TryValue(snapshot, info, ns, objectName, sample, policy, now, out var value))
            {
                list.Add(value);
            }
        }

        if (list.Count == 0)
        {
            list.Dispose();
            throw new ApiStatusException(ApiStatus.MetricNotFoundForSelector(info.Resource, info.Metric, "*", selector.ToString()));
        }

        return list;
    }

    public static IReadOnlyList<ExternalMetricValue> External(IRuleValues rules, string ns, LabelSelector metricSelector, ExternalMetricInfo info, ServingPolicy policy, DateTimeOffset now)
    {
        var answer = rules.Answer(KeyFor(info, ns, metricSelector)) ?? throw new ApiStatusException(ApiStatus.ExternalMetricNotFound(info.Metric));
        var samples = FreshSamples(answer, policy, now) ?? throw Unavailable(answer) ?? new ApiStatusException(ApiStatus.ExternalMetricNotFound(info.Metric));
        return [.. samples.Where(s => double.IsFinite(s.Sample.Value))
            .Select(s => new ExternalMetricValue(info.Metric, s.Labels, s.Sample.Timestamp, 0, s.Sample.Value))];
    }

    private static (IReadOnlyList<RuleSample> Samples, string Label) Fresh(IRuleValues rules, RuleQueryKey key, CustomMetricInfo info, ServingPolicy policy, DateTimeOffset now)
    {
        if (rules.ObjectLabel(info.Metric, info.Resource) is not { } label || rules.Answer(key) is not { } answer)
        {
            throw new ApiStatusException(ApiStatus.MetricNotFound(info.Resource, info.Metric));
        }

        var samples = FreshSamples(answer, policy, now) ?? throw Unavailable(answer) ?? new ApiStatusException(ApiStatus.MetricNotFound(info.Resource, info.Metric));
        return (samples, label);
    }

    /// <summary>The last good series while younger than the staleness limit; null once they are stale or there were none.</summary>
    private static IReadOnlyList<RuleSample>? FreshSamples(RuleAnswer answer, ServingPolicy policy, DateTimeOffset now) =>
        answer.SucceededAt is { } at && now - at <= policy.StaleAfter ? answer.Samples : null;

    private static ApiStatusException? Unavailable(RuleAnswer answer) =>
        answer.Error is { } error ? new ApiStatusException(ApiStatus.InternalError($"unable to fetch metrics: {error}")) : null;

    private static RuleSample? Latest(IReadOnlyList<RuleSample> samples, string label, string name)
    {
        RuleSample? found = null;
        foreach (var s in samples)
        {
            if (s.Labels.TryGetValue(label, out var value) && value == name)
            {
                found = s;
            }
        }

        return found;
    }

    /// <summary>
    /// The objects a wildcard read covers. prometheus-adapter lists them from the API server; here an empty selector
    /// means every object the answer names, pods and the workloads discovery watches are matched against their labels,
    /// namespaces against their name label, and a selector on any other resource is refused (its labels are not watched).
    /// </summary>
    private static List<string> ObjectNames(MetricSnapshot snapshot, string ns, LabelSelector selector, CustomMetricInfo info, IReadOnlyList<RuleSample> samples, string label)
    {
        if (selector.IsEmpty)
        {
            return [.. samples.Select(s => s.Labels.GetValueOrDefault(label)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        if (info.Resource == GroupResource.Namespaces)
        {
            return [.. samples.Select(s => s.Labels.GetValueOrDefault(label)).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(n => selector.Matches(new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = n }))
                .Order(StringComparer.Ordinal)];
        }

        var view = snapshot.Namespace(ns);
        if (info.Resource == GroupResource.Pods)
        {
            return view is null ? [] : [.. view.Pods.Where(p => selector.Matches(p.Info.Labels)).Select(p => p.Info.Name)];
        }

        if (info.Resource == GroupResource.Deployments || info.Resource == GroupResource.StatefulSets || info.Resource == GroupResource.Services)
        {
            return view is null ? [] : [.. view.WorkloadsOf(info.Resource).Where(w => selector.Matches(w.Info.Labels)).Select(w => w.Info.Name)];
        }

        throw new ApiStatusException(ApiStatus.BadRequest(
            $"a label selector on {info.Resource} is not supported: the adapter does not watch their labels; ask for each object by name"));
    }

    private static bool TryValue(MetricSnapshot snapshot, CustomMetricInfo info, string ns, string name, RuleSample sample, ServingPolicy policy, DateTimeOffset now, out MetricValue value)
    {
        value = default;
        var v = sample.Sample.Value;
        if (!double.IsFinite(v))
        {
            return false;
        }

        // A pod the adapter knows to be loading or asleep is not capacity: the serving policy applies, as for built-ins.
        if (info.Resource == GroupResource.Pods && snapshot.Namespace(ns)?.PodsByName.GetValueOrDefault(name) is { } pod
            && !CatalogMetricsProvider.IsCapacity(pod, policy, now))
        {
            if (policy.NotReadyPods != NotReadyPodPolicy.AtTarget || pod.Info.Targets?.GetValueOrDefault(info.Metric) is not { } target)
            {
                return false;
            }

            v = target;
        }

        var reference = info.Resource == GroupResource.Pods
            ? ObjectReference.For(GroupResource.Pods, ns, name)
            : new ObjectReference(ResourceNames.KindFor(info.Resource), ns, name, ObjectReference.ApiVersionFor(GroupResource.Parse(Qualified(info.Resource))));
        value = new MetricValue(reference, info.Metric, sample.Sample.Timestamp, 0, v);
        return true;
    }

    /// <summary>A request may leave the group out (<c>jobs</c>); the describedObject names it (<c>batch/v1</c>).</summary>
    private static string Qualified(GroupResource resource) =>
        resource.Group.Length > 0 || ResourceNames.Normalize(resource.Resource, null) is not { } known ? resource.ToString() : known.ToString();
}
