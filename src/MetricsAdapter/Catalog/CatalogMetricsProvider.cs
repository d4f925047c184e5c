using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog.Rules;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Router;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>
/// Serves the catalog's metrics from the store: per pod, per workload (Deployment, StatefulSet, Service: the pods its
/// selector picks) and per namespace, computing rates and aggregates on read from one snapshot. Metrics that
/// prometheus-adapter rules define are answered from their own queries instead (<see cref="RuleValuesReader"/>), and
/// values objects carry themselves (the planner's <c>autoscale_desired_replicas</c>) by <see cref="ObjectValuesReader"/>.
/// </summary>
internal sealed class CatalogMetricsProvider(
    MetricStore store,
    Func<MetricCatalog> catalog,
    Func<ServingPolicy> policy,
    TimeProvider time,
    Func<IRuleValues?>? rules = null) : ICustomMetricsProvider, IExternalMetricsProvider
{
    private static readonly GroupResource[] WorkloadResources =
        [GroupResource.Deployments, GroupResource.StatefulSets, GroupResource.Services];

    public ValueTask PrepareAsync(CustomMetricInfo info, string ns, LabelSelector metricSelector, CancellationToken cancellationToken) =>
        Rules() is { } r && r.ServesCustom(info.Metric) && r.ObjectLabel(info.Metric, info.Resource) is not null
            ? r.PrepareAsync(RuleValuesReader.KeyFor(info, ns, metricSelector), metricSelector, cancellationToken)
            : ValueTask.CompletedTask;

    public ValueTask PrepareExternalAsync(string ns, LabelSelector metricSelector, ExternalMetricInfo info, CancellationToken cancellationToken) =>
        Rules() is { } r && r.ServesExternal(info.Metric)
            ? r.PrepareAsync(RuleValuesReader.KeyFor(info, ns, metricSelector), metricSelector, cancellationToken)
            : ValueTask.CompletedTask;

    public MetricValueList GetMetricByName(ObjectKey name, CustomMetricInfo info, LabelSelector metricSelector)
    {
        if (IsObjectValue(info))
        {
            var unpublished = RouterSeries.IsRouterMetric(info.Metric)
                ? $"no router in the adapter's config (routers:) maps a model to {info.Resource} {name.Namespace}/{name.Name}"
                : $"no HorizontalPodAutoscaler in namespace {name.Namespace} scales {info.Resource} {name.Name}, so nothing publishes it";
            return ObjectValuesReader.ByName(store.Current, info, name, MaxAge(info), time.GetUtcNow(), unpublished);
        }

        if (Rules() is { } r && r.ServesCustom(info.Metric))
        {
            return RuleValuesReader.ByName(r, store.Current, name, info, metricSelector, policy(), time.GetUtcNow());
        }

        var definition = Definition(info);
        var ctx = new ReadContext(definition, metricSelector, policy(), time.GetUtcNow());
        var snapshot = store.Current;
        var list = new MetricValueList(1);
        if (TryValueOf(snapshot, info, name, ctx, out var value))
        {
            list.Add(value);
            return list;
        }

        list.Dispose();
        throw new ApiStatusException(ApiStatus.MetricNotFoundFor(info.Resource, info.Metric, name.Name));
    }

    public MetricValueList GetMetricBySelector(string ns, LabelSelector selector, CustomMetricInfo info, LabelSelector metricSelector)
    {
        if (IsObjectValue(info))
        {
            return ObjectValuesReader.BySelector(store.Current, ns, selector, info, MaxAge(info), time.GetUtcNow());
        }

        if (Rules() is { } r && r.ServesCustom(info.Metric))
        {
            return RuleValuesReader.BySelector(r, store.Current, ns, selector, info, metricSelector, policy(), time.GetUtcNow());
        }

        var definition = Definition(info);
        var ctx = new ReadContext(definition, metricSelector, policy(), time.GetUtcNow());
        var snapshot = store.Current;
        MetricValueList list;
        if (info.Resource == GroupResource.Namespaces)
        {
            list = new MetricValueList(snapshot.Namespaces.Count);
            foreach (var view in snapshot.Namespaces.Values)
            {
                if (selector.Matches(NamespaceLabels(view.Name)) && TryAggregate(view.Pods, view.Reference, ctx, out var value))
                {
                    list.Add(value);
                }
            }
        }
        else if (snapshot.Namespace(ns) is not { } view)
        {
            list = new MetricValueList(0);
        }
        else if (info.Resource == GroupResource.Pods)
        {
            list = new MetricValueList(view.Pods.Length);
            foreach (var pod in view.Pods)
            {
                if (selector.Matches(pod.Info.Labels) && TryPodValue(pod, ctx, out var value))
                {
                    list.Add(value);
                }
            }
        }
        else
        {
            var workloads = view.WorkloadsOf(info.Resource);
            list = new MetricValueList(workloads.Length);
            foreach (var workload in workloads)
            {
                if (selector.Matches(workload.Info.Labels) && TryAggregate(workload.Pods, workload.Reference, ctx, out var value))
                {
                    list.Add(value);
                }
            }
        }

        if (list.Count == 0)
        {
            list.Dispose();
            var notFound = ApiStatus.MetricNotFoundForSelector(info.Resource, info.Metric, "*", selector.ToString());
            var capacity = info.Resource == GroupResource.Pods && snapshot.Namespace(ns) is { } pods
                ? WarmingUp.CapacityPods(pods.Pods, selector, p => IsCapacity(p, ctx.Policy, ctx.Now))
                : 0;
            throw new ApiStatusException(WarmingUp.Explain(notFound, definition, capacity));
        }

        return list;
    }

    public bool ReadsSource(CustomMetricInfo info) => !IsObjectValue(info);

    public IReadOnlyList<CustomMetricInfo> ListAllMetrics()
    {
        var result = new List<CustomMetricInfo>();
        var r = Rules();
        foreach (var definition in catalog().Definitions)
        {
            if (r?.ServesCustom(definition.Name) == true)
            {
                continue;
            }

            result.Add(new CustomMetricInfo(GroupResource.Pods, true, definition.Name));
            foreach (var resource in WorkloadResources)
            {
                result.Add(new CustomMetricInfo(resource, true, definition.Name));
            }

            result.Add(new CustomMetricInfo(GroupResource.Namespaces, false, definition.Name));
        }

        // The planner's desired replicas: on the usual scale targets, and on any other kind an HPA scales now.
        var objectResources = new HashSet<GroupResource>(DesiredReplicasResources);
        foreach (var view in store.Current.Namespaces.Values)
        {
            foreach (var key in view.ObjectValues.Keys)
            {
                if (key.Metric == DesiredReplicas.Metric)
                {
                    objectResources.Add(key.Resource);
                }
            }
        }

        result.AddRange(objectResources.OrderBy(g => g.ToString(), StringComparer.Ordinal)
            .Select(g => new CustomMetricInfo(g, true, DesiredReplicas.Metric)));

        // The routers' demand: on the kinds the config maps a model to (its values exist from the start, with why
        // they have none yet), so a router metric is listed exactly when a router is configured.
        var routerMetrics = new SortedSet<(string Resource, string Metric)>();
        foreach (var view in store.Current.Namespaces.Values)
        {
            foreach (var key in view.ObjectValues.Keys)
            {
                if (RouterSeries.IsRouterMetric(key.Metric))
                {
                    routerMetrics.Add((key.Resource.ToString(), key.Metric));
                }
            }
        }

        result.AddRange(routerMetrics.Select(m => new CustomMetricInfo(GroupResource.Parse(m.Resource), true, m.Metric)));

        if (r is not null)
        {
            result.AddRange(r.CustomMetrics.Select(m => new CustomMetricInfo(m.Resource, m.Namespaced, m.Name)));
        }

        return result;
    }

    public IReadOnlyList<ExternalMetricValue> GetExternalMetric(string ns, LabelSelector metricSelector, ExternalMetricInfo info)
    {
        if (Rules() is { } r && r.ServesExternal(info.Metric))
        {
            return RuleValuesReader.External(r, ns, metricSelector, info, policy(), time.GetUtcNow());
        }

        if (!catalog().TryGet(info.Metric, out var definition))
        {
            throw new ApiStatusException(ApiStatus.ExternalMetricNotFound(info.Metric));
        }

        var ctx = new ReadContext(definition, metricSelector, policy(), time.GetUtcNow());
        if (store.Current.Namespace(ns) is not { } view)
        {
            return [];
        }

        // One item per metric label set (per model_name): the HPA sums the items it gets.
        var groups = new Dictionary<string, (IReadOnlyDictionary<string, string> Labels, Accumulator Acc)>(StringComparer.Ordinal);
        foreach (var pod in view.Pods)
        {
            if (!IsCapacity(pod, ctx) || !pod.Slot.Metrics.ByMetric.TryGetValue(definition.Name, out var series))
            {
                continue;
            }

            foreach (var s in series)
            {
                if (!metricSelector.Matches(s.Labels) || !TrySeriesValue(s, ctx, out var v, out var window))
                {
                    continue;
                }

                var key = string.Join(',', s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
                if (!groups.TryGetValue(key, out var group))
                {
                    group = (s.Labels, new Accumulator(definition.ObjectAggregation));
                }

                group.Acc.Add(v, s.Last.Timestamp, window);
                groups[key] = group;
            }
        }

        return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ExternalMetricValue(definition.Name, g.Value.Labels, g.Value.Acc.OldestTimestamp, g.Value.Acc.Window, g.Value.Acc.Result))];
    }

    public IReadOnlyList<ExternalMetricInfo> ListAllExternalMetrics()
    {
        var r = Rules();
        return [.. catalog().Definitions.Where(d => r?.ServesExternal(d.Name) != true).Select(d => new ExternalMetricInfo(d.Name)), .. (r?.ExternalMetrics ?? []).Select(m => new ExternalMetricInfo(m))];
    }

    /// <summary>Whether a pod counts as capacity now: Ready and not asleep, unless the policy serves every pod.</summary>
    internal static bool IsCapacity(PodView pod, ServingPolicy policy, DateTimeOffset now) =>
        policy.NotReadyPods == NotReadyPodPolicy.Serve || (pod.Info.State == PodState.Ready && !IsAsleep(pod, policy, now));

    private IRuleValues? Rules() => rules?.Invoke();

    private static readonly GroupResource[] DesiredReplicasResources = [GroupResource.Deployments, GroupResource.StatefulSets];

    /// <summary>Served from what the object carries (the HPA's annotation, a router's demand) on any namespaced resource, never from pods.</summary>
    private static bool IsObjectValue(CustomMetricInfo info) =>
        (info.Metric == DesiredReplicas.Metric || RouterSeries.IsRouterMetric(info.Metric))
        && info.Resource != GroupResource.Pods && info.Resource != GroupResource.Namespaces && info.Namespaced;

    /// <summary>The planner's value lives for its own max age; a router's is a scraped sample, stale like the pods'.</summary>
    private TimeSpan MaxAge(CustomMetricInfo info) =>
        RouterSeries.IsRouterMetric(info.Metric) ? policy().StaleAfter : policy().DesiredReplicasMaxAge;

    /// <summary>Kubernetes labels every namespace with its own name; other namespace labels are not watched.</summary>
    private static Dictionary<string, string> NamespaceLabels(string name) => new(StringComparer.Ordinal) { ["kubernetes.io/metadata.name"] = name };

    private MetricDefinition Definition(CustomMetricInfo info)
    {
        if (!catalog().TryGet(info.Metric, out var definition) || !IsServedResource(info))
        {
            throw new ApiStatusException(ApiStatus.MetricNotFound(info.Resource, info.Metric));
        }

        return definition;
    }

    private static bool IsServedResource(CustomMetricInfo info) =>
        info.Resource == GroupResource.Pods
        || info.Resource == GroupResource.Namespaces
        || Array.IndexOf(WorkloadResources, info.Resource) >= 0;

    private static bool TryValueOf(MetricSnapshot snapshot, CustomMetricInfo info, ObjectKey name, in ReadContext ctx, out MetricValue value)
    {
        value = default;
        if (info.Resource == GroupResource.Namespaces)
        {
            return snapshot.Namespace(name.Name) is { } nsView && TryAggregate(nsView.Pods, nsView.Reference, ctx, out value);
        }

        if (snapshot.Namespace(name.Namespace) is not { } view)
        {
            return false;
        }

        if (info.Resource == GroupResource.Pods)
        {
            return view.PodsByName.TryGetValue(name.Name, out var pod) && TryPodValue(pod, ctx, out value);
        }

        foreach (var workload in view.WorkloadsOf(info.Resource))
        {
            if (string.Equals(workload.Info.Name, name.Name, StringComparison.Ordinal))
            {
                return TryAggregate(workload.Pods, workload.Reference, ctx, out value);
            }
        }

        return false;
    }

    private static bool TryPodValue(PodView pod, in ReadContext ctx, out MetricValue value)
    {
        if (TryPodRaw(pod, ctx, out var v, out var timestamp, out var window))
        {
            value = new MetricValue(pod.Reference, ctx.Definition.Name, timestamp, window, v);
            return true;
        }

        // Not capacity, reported exactly at the HPA's target: neutral in both directions. Stamped now, since it is
        // the adapter's statement, not a sample.
        if (ctx.Policy.NotReadyPods == NotReadyPodPolicy.AtTarget && (pod.Info.State != PodState.Ready || IsAsleep(pod, ctx))
            && pod.Info.Targets is { } targets && targets.TryGetValue(ctx.Definition.Name, out var target))
        {
            value = new MetricValue(pod.Reference, ctx.Definition.Name, ctx.Now, 0, target);
            return true;
        }

        value = default;
        return false;
    }

    private static bool TryAggregate(PodView[] pods, ObjectReference reference, in ReadContext ctx, out MetricValue value)
    {
        var acc = new Accumulator(ctx.Definition.ObjectAggregation);
        foreach (var pod in pods)
        {
            if (TryPodRaw(pod, ctx, out var v, out var timestamp, out var window))
            {
                acc.Add(v, timestamp, window);
            }
        }

        value = acc.Count > 0 ? new MetricValue(reference, ctx.Definition.Name, acc.OldestTimestamp, acc.Window, acc.Result) : default;
        return acc.Count > 0;
    }

    /// <summary>A pod's value: its matching, fresh series combined by the metric's pod aggregation; the timestamp is the oldest contributor's.</summary>
    private static bool TryPodRaw(PodView pod, in ReadContext ctx, out double value, out DateTimeOffset timestamp, out int window)
    {
        value = 0;
        timestamp = default;
        window = 0;
        var servesAsleepFlag = ctx.Definition.Name == BuiltInDefinitions.EngineAsleep && pod.Info.State == PodState.Ready;
        if ((!servesAsleepFlag && !IsCapacity(pod, ctx)) || !pod.Slot.Metrics.ByMetric.TryGetValue(ctx.Definition.Name, out var series))
        {
            return false;
        }

        var acc = new Accumulator(ctx.Definition.PodAggregation);
        foreach (var s in series)
        {
            if (ctx.MetricSelector.Matches(s.Labels) && TrySeriesValue(s, ctx, out var v, out var w))
            {
                acc.Add(v, s.Last.Timestamp, w);
            }
        }

        if (acc.Count == 0)
        {
            return false;
        }

        value = acc.Result;
        timestamp = acc.OldestTimestamp;
        window = acc.Window;
        return true;
    }

    private static bool TrySeriesValue(StoredSeries s, in ReadContext ctx, out double value, out int window)
    {
        value = 0;
        window = 0;
        if (ctx.Now - s.Last.Timestamp > ctx.Policy.StaleAfter)
        {
            return false;
        }

        if (ctx.Definition.Kind == MetricKind.Rate)
        {
            return s.TryGetRate(out value, out window);
        }

        value = s.Last.Value;
        return double.IsFinite(value);
    }

    private static bool IsCapacity(PodView pod, in ReadContext ctx) => IsCapacity(pod, ctx.Policy, ctx.Now);

    private static bool IsAsleep(PodView pod, in ReadContext ctx) => IsAsleep(pod, ctx.Policy, ctx.Now);

    /// <summary>A Ready pod whose engine reports sleep mode (vLLM keeps serving /metrics and /health while asleep).</summary>
    private static bool IsAsleep(PodView pod, ServingPolicy policy, DateTimeOffset now)
    {
        if (!pod.Slot.Metrics.ByMetric.TryGetValue(BuiltInDefinitions.EngineAsleep, out var series))
        {
            return false;
        }

        foreach (var s in series)
        {
            if (s.Last.Value > 0 && now - s.Last.Timestamp <= policy.StaleAfter)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct ReadContext(MetricDefinition Definition, LabelSelector MetricSelector, ServingPolicy Policy, DateTimeOffset Now);
}
