using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Templates;

/// <summary>
/// A rule's <c>metricsQuery</c> bound to its label mapping: builds the PromQL as prometheus-adapter's
/// <c>metricsQuery.Build</c>/<c>BuildExternal</c> do (pkg/naming/metrics_query.go). LabelMatchers are the metric selector's
/// matchers (by key), then the namespace matcher, then the resource matcher; GroupBy is the resource label plus extras.
/// </summary>
internal sealed class MetricsQuery(QueryTemplate template, Func<GroupResource, string?> labelFor, bool namespaced = true)
{
    public QueryTemplate Template => template;

    /// <summary>
    /// The query for objects <paramref name="names"/> of <paramref name="resource"/> (in <paramref name="ns"/> unless
    /// empty). No names means every object: <c>label!=""</c>, and <c>.+</c> in LabelValuesByName, which is how this
    /// source polls a whole namespace in one query instead of a <c>pod=~"a|b|..."</c> list.
    /// </summary>
    public PromResult<string> Build(
        string series, GroupResource resource, string ns, IReadOnlyList<string> extraGroupBy, LabelSelector metricSelector, IReadOnlyList<string> names)
    {
        var matchers = new List<string>();
        var valuesByName = new Dictionary<string, string>(StringComparer.Ordinal);
        if (PromMatchers.FromSelector(metricSelector, matchers, valuesByName) is { } selectorError)
        {
            return new PromError(PromErrorKind.Rule, selectorError);
        }

        if (ns.Length > 0)
        {
            if (labelFor(GroupResource.Namespaces) is not { } nsLabel)
            {
                return new PromError(PromErrorKind.Rule, "unable to find the label for resource namespaces");
            }

            matchers.Add(PromMatchers.Eq(nsLabel, ns));
            valuesByName[nsLabel] = ns;
        }

        if (labelFor(resource) is not { } resourceLabel)
        {
            return new PromError(PromErrorKind.Rule, $"unable to find the label for resource {resource}");
        }

        matchers.Add(names.Count switch
        {
            0 => PromMatchers.Neq(resourceLabel, ""),
            1 => PromMatchers.Eq(resourceLabel, names[0]),
            _ => PromMatchers.Matches(resourceLabel, string.Join('|', names)),
        });
        valuesByName[resourceLabel] = names.Count == 0 ? ".+" : string.Join('|', names);

        return PromResult<string>.Ok(template.Execute(new TemplateData
        {
            Series = series,
            LabelMatchers = string.Join(',', matchers),
            LabelValuesByName = valuesByName,
            GroupBySlice = [resourceLabel, .. extraGroupBy],
        }));
    }

    /// <summary>External rules: no resource matcher, GroupBy from the caller, the namespace only when the rule is namespaced.</summary>
    public PromResult<string> BuildExternal(string series, string ns, IReadOnlyList<string> groupBySlice, LabelSelector metricSelector)
    {
        var matchers = new List<string>();
        var valuesByName = new Dictionary<string, string>(StringComparer.Ordinal);
        if (PromMatchers.FromSelector(metricSelector, matchers, valuesByName) is { } selectorError)
        {
            return new PromError(PromErrorKind.Rule, selectorError);
        }

        if (namespaced && ns.Length > 0)
        {
            if (labelFor(GroupResource.Namespaces) is not { } nsLabel)
            {
                return new PromError(PromErrorKind.Rule, "unable to find the label for resource namespaces");
            }

            matchers.Add(PromMatchers.Eq(nsLabel, ns));
            valuesByName[nsLabel] = ns;
        }

        return PromResult<string>.Ok(template.Execute(new TemplateData
        {
            Series = series,
            LabelMatchers = string.Join(',', matchers),
            LabelValuesByName = valuesByName,
            GroupBySlice = groupBySlice,
        }));
    }
}
