using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// prometheus-adapter's series_registry_test.go (TV1–TV5) and provider_test.go listing, on the rules of
/// <c>DefaultConfig(1m, "kube_")</c>, parsed from YAML as a migrated config would be.
/// </summary>
public sealed class RuleRegistryTests
{
    internal const string DefaultConfig = """
        rules:
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: '^container_(.*)_seconds_total$'}
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>,container!="POD"}[1m])) by (<<.GroupBy>>)'
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          seriesFilters: [{isNot: '^container_.*_seconds_total$'}]
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: '^container_(.*)_total$'}
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>,container!="POD"}[1m])) by (<<.GroupBy>>)'
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          seriesFilters: [{isNot: '^container_.*_total$'}]
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: '^container_(.*)$'}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>,container!="POD"}) by (<<.GroupBy>>)'
        - seriesQuery: '{kube_namespace!="",__name__!~"^container_.*"}'
          seriesFilters: [{isNot: '.*_total$'}]
          resources: {template: 'kube_<<.Resource>>'}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        - seriesQuery: '{kube_namespace!="",__name__!~"^container_.*"}'
          seriesFilters: [{isNot: '.*_seconds_total'}]
          name: {matches: '^(.*)_total$'}
          resources: {template: 'kube_<<.Resource>>'}
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)'
        - seriesQuery: '{kube_namespace!="",__name__!~"^container_.*"}'
          name: {matches: '^(.*)_seconds_total$'}
          resources: {template: 'kube_<<.Resource>>'}
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)'
        """;

    private static readonly RuleRegistry Registry = BuildRegistry();

    [Theory]
    [InlineData("some_usage", "pods", "somens", "", new[] { "somepod1", "somepod2" },
        "sum(container_some_usage{namespace=\"somens\",pod=~\"somepod1|somepod2\",container!=\"POD\"}) by (pod)")]
    [InlineData("some_count", "pods", "somens", "", new[] { "somepod1", "somepod2" },
        "sum(rate(container_some_count_total{namespace=\"somens\",pod=~\"somepod1|somepod2\",container!=\"POD\"}[1m])) by (pod)")]
    [InlineData("ingress_hits", "services", "somens", "param1=value1", new[] { "somesvc" },
        "sum(rate(ingress_hits_total{param1=\"value1\",kube_namespace=\"somens\",kube_service=\"somesvc\"}[1m])) by (kube_service)")]
    [InlineData("node_gigawatts", "nodes", "", "", new[] { "somenode" },
        "sum(node_gigawatts{kube_node=\"somenode\"}) by (kube_node)")]
    [InlineData("work_queue_wait", "deployments.extensions", "somens", "", new[] { "somedep" },
        "sum(rate(work_queue_wait_seconds_total{kube_namespace=\"somens\",kube_deployment=\"somedep\"}[1m])) by (kube_deployment)")]
    public void Upstream_vectors_TV1_to_TV5(string metric, string resource, string ns, string selector, string[] names, string expected)
    {
        var found = Registry.Metrics.Single(m => m.Name == metric);
        var query = found.Rule.Query.Build(found.SeriesName, GroupResource.Parse(resource), ns, [], LabelSelector.Parse(selector), names);
        Assert.Equal(expected, query.Value);
    }

    [Fact]
    public void Lists_the_resources_each_series_names()
    {
        string Resources(string name) => string.Join(",", Registry.Metrics.Single(m => m.Name == name).Resources.Select(r => r.ToString()).Order(StringComparer.Ordinal));

        Assert.Equal("ingresses.networking.k8s.io,namespaces,pods,services", Resources("ingress_hits"));
        Assert.Equal("namespaces,services", Resources("service_proxy_packets"));
        Assert.Equal("deployments.apps,namespaces", Resources("work_queue_wait"));
        Assert.Equal("namespaces,pods", Resources("some_usage"));
        Assert.Equal("namespaces,pods", Resources("some_count"));
        Assert.Equal("namespaces,pods", Resources("some_time"));
        Assert.Equal("nodes", Resources("node_gigawatts"));
        Assert.Equal("persistentvolumes", Resources("volume_claims"));
    }

    [Fact]
    public void Every_metric_is_kept_whatever_it_associates() =>
        Assert.Equal(["ingress_hits", "node_gigawatts", "service_proxy_packets", "some_count", "some_time", "some_usage", "volume_claims", "work_queue_wait"],
            Registry.Metrics.Select(m => m.Name));

    [Fact]
    public void Series_whose_labels_name_no_resource_are_reported_not_dropped_silently()
    {
        var config = AdapterRulesParser.Parse("""
            rules:
            - seriesQuery: 'a'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
            """);
        var registry = RuleRegistry.Build(config.Rules, new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            ["a"] = [Series("a", ("instance", "x")), Series("a", ("job", "y"))],
        });
        Assert.Empty(registry.Metrics);
        Assert.Equal("rules[0] (line 2): a", string.Join(";", registry.Unassociated.Select(u => $"{u.Rule}: {u.Series}")));
    }

    [Fact]
    public void Two_rules_may_serve_one_name_for_different_resources()
    {
        var config = AdapterRulesParser.Parse("""
            rules:
            - seriesQuery: 'a'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
              name: {as: m}
            - seriesQuery: 'b'
              resources: {overrides: {namespace: {resource: namespace}, service: {resource: service}}}
              name: {as: m}
              metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
            """);
        var registry = RuleRegistry.Build(config.Rules, new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            ["a"] = [Series("a", ("namespace", "n"), ("pod", "p"))],
            ["b"] = [Series("b", ("namespace", "n"), ("service", "s"))],
        });
        Assert.Equal("namespaces,pods,services", string.Join(",", Assert.Single(registry.Metrics).Resources));
        Assert.Equal("a", registry.Find("m", GroupResource.Pods)!.Value.Series);
        Assert.Equal("b", registry.Find("m", GroupResource.Services)!.Value.Series);
        Assert.Equal("b", registry.Find("m", GroupResource.Namespaces)!.Value.Series); // the later rule wins a shared key
    }

    [Fact]
    public void Polling_queries_a_whole_namespace_grouped_by_pod()
    {
        var metric = Registry.Metrics.Single(m => m.Name == "some_usage");
        var query = metric.Rule.Query.Build(metric.SeriesName, GroupResource.Pods, "llm", [], LabelSelector.Everything, []);
        Assert.Equal("sum(container_some_usage{namespace=\"llm\",pod!=\"\",container!=\"POD\"}) by (pod)", query.Value);
    }

    [Fact]
    public void Name_as_expands_go_style_groups()
    {
        var config = AdapterRulesParser.Parse("""
            rules:
            - seriesQuery: '{__name__=~"^vllm:.*"}'
              resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
              name: {matches: '^vllm:(?P<what>.*)_total$', as: 'vllm_${what}_per_second'}
              metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)'
            """);
        var registry = RuleRegistry.Build(config.Rules, new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            ["{__name__=~\"^vllm:.*\"}"] = [Series("vllm:request_success_total", ("namespace", "llm"), ("pod", "a"))],
        });
        Assert.Equal("vllm_request_success_per_second", Assert.Single(registry.Metrics).Name);
    }

    private static RuleRegistry BuildRegistry()
    {
        var rules = AdapterRulesParser.Parse(DefaultConfig).Rules;
        var container = new[] { "container_some_usage", "container_some_count_total", "container_some_time_seconds_total" }
            .Select(n => Series(n, ("pod", "somepod"), ("namespace", "somens"), ("container", "somecont"))).ToList();
        var kube = new List<IReadOnlyDictionary<string, string>>
        {
            Series("ingress_hits_total", ("kube_ingress", "someingress"), ("kube_service", "somesvc"), ("kube_pod", "backend1"), ("kube_namespace", "somens")),
            Series("service_proxy_packets", ("kube_service", "somesvc"), ("kube_namespace", "somens")),
            Series("work_queue_wait_seconds_total", ("kube_deployment", "somedep"), ("kube_namespace", "somens")),
            Series("node_gigawatts", ("kube_node", "somenode")),
            Series("volume_claims_total", ("kube_persistentvolume", "somepv")),
        };
        return RuleRegistry.Build(rules, new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            [rules[0].SeriesQuery] = container,
            [rules[3].SeriesQuery] = kube,
        });
    }

    private static Dictionary<string, string> Series(string name, params (string Key, string Value)[] labels)
    {
        var series = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        series["__name__"] = name;
        return series;
    }
}
