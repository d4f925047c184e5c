namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// prometheus-adapter's own documented configurations, its Helm chart's default rules and vLLM production-stack's
/// adapter config, unchanged, through the adapter against a real Prometheus (<see cref="AdapterExamplesPrometheus"/>).
/// Every expected value is what prometheus-adapter's code would serve for the same series, worked out by hand from
/// reading it: pkg/naming (resource_converter.go: labels → resources through the RESTMapper, namespaces/nodes/
/// persistentvolumes root-scoped; metric_namer.go: name.matches/as defaults; metrics_query.go: LabelMatchers = metric
/// selector, then namespace, then the resource label; GroupBy = the resource label) and pkg/custom-provider
/// (series_registry.go MatchValuesToNames: an object's value is the result series whose resource label names it) and
/// pkg/external-provider (one item per result series, with its labels). The query each expectation stands for is
/// written beside it.
/// </summary>
public sealed class PrometheusAdapterExamplesTests(AdapterExamplesPrometheus prometheus) : IClassFixture<AdapterExamplesPrometheus>
{
    /// <summary>docs/config-walkthrough.md, the final rule.</summary>
    private const string Walkthrough = """
        rules:
        - seriesQuery: 'http_requests_total{kubernetes_namespace!="",kubernetes_pod_name!=""}'
          resources:
            overrides:
              kubernetes_namespace: {resource: "namespace"}
              kubernetes_pod_name: {resource: "pod"}
          name:
            matches: "^(.*)_total"
            as: "${1}_per_second"
          metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
        """;

    /// <summary>prometheus-community/helm-charts charts/prometheus-adapter templates/configmap.yaml with rules.default: true.</summary>
    private const string HelmDefaultRules = """
        rules:
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          seriesFilters: []
          resources:
            overrides:
              namespace:
                resource: namespace
              pod:
                resource: pod
          name:
            matches: ^container_(.*)_seconds_total$
            as: ""
          metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>,container!="POD"}[5m]))
            by (<<.GroupBy>>)
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          seriesFilters:
          - isNot: ^container_.*_seconds_total$
          resources:
            overrides:
              namespace:
                resource: namespace
              pod:
                resource: pod
          name:
            matches: ^container_(.*)_total$
            as: ""
          metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>,container!="POD"}[5m]))
            by (<<.GroupBy>>)
        - seriesQuery: '{__name__=~"^container_.*",container!="POD",namespace!="",pod!=""}'
          seriesFilters:
          - isNot: ^container_.*_total$
          resources:
            overrides:
              namespace:
                resource: namespace
              pod:
                resource: pod
          name:
            matches: ^container_(.*)$
            as: ""
          metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>,container!="POD"}) by (<<.GroupBy>>)
        - seriesQuery: '{namespace!="",__name__!~"^container_.*"}'
          seriesFilters:
          - isNot: .*_total$
          resources:
            template: <<.Resource>>
          name:
            matches: ""
            as: ""
          metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)
        - seriesQuery: '{namespace!="",__name__!~"^container_.*"}'
          seriesFilters:
          - isNot: .*_seconds_total
          resources:
            template: <<.Resource>>
          name:
            matches: ^(.*)_total$
            as: ""
          metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (<<.GroupBy>>)
        - seriesQuery: '{namespace!="",__name__!~"^container_.*"}'
          seriesFilters: []
          resources:
            template: <<.Resource>>
          name:
            matches: ^(.*)_seconds_total$
            as: ""
          metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (<<.GroupBy>>)
        """;

    /// <summary>vllm-project/production-stack observability/prom-adapter.yaml: its rules.custom, after the chart's defaults.</summary>
    private const string ProductionStackCustom = """
        # Example metric to export for HPA
        - seriesQuery: '{__name__=~"^vllm:num_requests_waiting$"}'
          resources:
            overrides:
              namespace:
                resource: "namespace"
          name:
            matches: ""
            as: "vllm_num_requests_waiting"
          metricsQuery: sum by(namespace) (vllm:num_requests_waiting)

        # Export num_incoming_requests_total by model name
        - seriesQuery: '{__name__=~"^vllm:num_incoming_requests_total$"}'
          resources:
            overrides:
              namespace:
                resource: "namespace"
          name:
            matches: ""
            as: "vllm_num_incoming_requests_total"
          metricsQuery: sum by(namespace, model) (vllm:num_incoming_requests_total)
        """;

    /// <summary>docs/externalmetrics.md, both rules.</summary>
    private const string External = """
        externalRules:
        - seriesQuery: '{__name__="queue_consumer_lag",name!=""}'
          metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
          resources:
            overrides: { namespace: {resource: "namespace"} }
        - seriesQuery: '{__name__="queue_depth",name!=""}'
          metricsQuery: sum(<<.Series>>{<<.LabelMatchers>>}) by (name)
          resources:
            namespaced: false
        """;

    /// <summary>docs/config.md: a template and an override combined ("These two can be combined").</summary>
    private const string ConfigReference = """
        rules:
        - seriesQuery: '{__name__="http_server_inflight",namespace!=""}'
          resources:
            template: "kube_<<.Group>>_<<.Resource>>"
            overrides:
              microservice: {group: "apps", resource: "deployment"}
              namespace: {resource: "namespace"}
          metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        """;

    /// <summary>The seed guide's per-pod rule: vLLM's queue as vllm_queue_depth, the built-in's name.</summary>
    private const string SeedGuide = """
        rules:
        - seriesQuery: '{__name__=~"^vllm:num_requests_waiting$",namespace!="",pod!=""}'
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: "^vllm:num_requests_waiting$", as: "vllm_queue_depth"}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        """;

    /// <summary>A DCGM guide's rule: average utilisation over the pod's GPUs, under the built-in's name gpu_utilization.</summary>
    private const string DcgmAverage = """
        rules:
        - seriesQuery: 'DCGM_FI_DEV_GPU_UTIL{exported_namespace!="",exported_pod!=""}'
          resources: {overrides: {exported_namespace: {resource: namespace}, exported_pod: {resource: pod}}}
          name: {matches: "^DCGM_FI_DEV_GPU_UTIL$", as: "gpu_utilization"}
          metricsQuery: 'avg(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        """;

    [Fact]
    public async Task Config_walkthrough_serves_pods_and_namespaces_per_second()
    {
        var adapter = await prometheus.AdapterAsync(Walkthrough);
        Assert.Equal(["namespaces/http_requests_per_second (cluster)", "pods/http_requests_per_second"], adapter.Listed("http_requests_per_second"));

        // sum(rate(http_requests_total{kubernetes_namespace="production",kubernetes_pod_name=~"…"}[2m])) by (kubernetes_pod_name)
        var pods = await adapter.AllAsync("pods", "production", "http_requests_per_second");
        Assert.Equal(2.0, pods["frontend-server-abcd-0123"], 6);
        Assert.Equal(0.25, pods["frontend-server-abcd-4567"], 6);

        // sum(rate(http_requests_total{kubernetes_namespace="production"}[2m])) by (kubernetes_namespace)
        Assert.Equal(2.25, (await adapter.ValueAsync("namespaces", "", "production", "http_requests_per_second"))!.Value, 6);
    }

    [Fact]
    public async Task Helm_chart_default_rules_associate_every_resource_label_through_the_template()
    {
        var adapter = await prometheus.AdapterAsync(HelmDefaultRules);

        // Rule 1: ^container_(.*)_seconds_total$ → cpu_usage; container!="POD" keeps the pause container out.
        Assert.Equal(["namespaces/cpu_usage (cluster)", "pods/cpu_usage"], adapter.Listed("cpu_usage"));
        Assert.Equal(0.75, (await adapter.ValueAsync("pods", "llm", "llama-0", "cpu_usage"))!.Value, 6);
        Assert.Equal(2e9, (await adapter.ValueAsync("pods", "llm", "llama-0", "memory_working_set_bytes"))!.Value, 0);

        // Rule 4 (template <<.Resource>>): every label the RESTMapper knows names a resource — job → jobs.batch,
        // service → services; container, endpoint, instance and model_name name none. matches "" → $0, the series name.
        Assert.Equal(
            ["jobs.batch/vllm:num_requests_waiting", "namespaces/vllm:num_requests_waiting (cluster)", "pods/vllm:num_requests_waiting", "services/vllm:num_requests_waiting"],
            adapter.Listed("vllm:num_requests_waiting"));

        // sum(vllm:num_requests_waiting{namespace="llm",pod="llama-0"}) by (pod) = 12
        Assert.Equal(12, await adapter.ValueAsync("pods", "llm", "llama-0", "vllm:num_requests_waiting"));
        // An HPA's metric.selector becomes matchers first: sum(…{model_name="m",namespace="llm",pod="llama-0"}) by (pod)
        Assert.Equal(12, await adapter.ValueAsync("pods", "llm", "llama-0", "vllm:num_requests_waiting", "model_name=m"));
        Assert.Null(await adapter.ValueAsync("pods", "llm", "llama-0", "vllm:num_requests_waiting", "model_name=other"));
        // sum(vllm:num_requests_waiting{namespace="llm",service="llama"}) by (service) = 12 + 3
        Assert.Equal(15, await adapter.ValueAsync("services", "llm", "llama", "vllm:num_requests_waiting"));
        // sum(vllm:num_requests_waiting{namespace="batch",job="vllm"}) by (job) = 7: the job label's value, per namespace
        Assert.Equal(7, await adapter.ValueAsync("jobs.batch", "batch", "vllm", "vllm:num_requests_waiting"));
        // sum(vllm:num_requests_waiting{namespace="llm"}) by (namespace) = 15
        Assert.Equal(15, await adapter.ValueAsync("namespaces", "", "llm", "vllm:num_requests_waiting"));

        // Rule 5: ^(.*)_total$ → vllm:request_success, rate over 5m: 2/s and 1/s.
        Assert.Equal(3.0, (await adapter.ValueAsync("services", "llm", "llama", "vllm:request_success"))!.Value, 6);
        Assert.Equal(2.0, (await adapter.ValueAsync("pods", "llm", "llama-0", "vllm:request_success"))!.Value, 6);
    }

    [Fact]
    public async Task Production_stack_namespace_rules_are_served_per_namespace_with_their_own_query()
    {
        var adapter = await prometheus.AdapterAsync(HelmDefaultRules + "\n" + ProductionStackCustom);
        Assert.Empty(adapter.Config.Refusals);

        // Only a namespace label is mapped: listed for namespaces alone, root-scoped.
        Assert.Equal(["namespaces/vllm_num_requests_waiting (cluster)"], adapter.Listed("vllm_num_requests_waiting"));
        Assert.Equal(["namespaces/vllm_num_incoming_requests_total (cluster)"], adapter.Listed("vllm_num_incoming_requests_total"));

        // The rule's query has no <<.LabelMatchers>>: sum by(namespace) (vllm:num_requests_waiting), matched by namespace.
        Assert.Equal(15, await adapter.ValueAsync("namespaces", "", "llm", "vllm_num_requests_waiting"));
        Assert.Equal(7, await adapter.ValueAsync("namespaces", "", "batch", "vllm_num_requests_waiting"));
        Assert.Equal(4200, await adapter.ValueAsync("namespaces", "", "llm", "vllm_num_incoming_requests_total"));
        Assert.Null(await adapter.ValueAsync("pods", "llm", "llama-0", "vllm_num_requests_waiting"));

        // The built-in catalog is still served beside the rules (per pod, from the raw vLLM series).
        Assert.Contains("pods/vllm_queue_depth", adapter.Listed("vllm_queue_depth"));
    }

    [Fact]
    public async Task External_rules_follow_externalmetrics_md()
    {
        var adapter = await prometheus.AdapterAsync(External);
        var listed = adapter.Provider.ListAllExternalMetrics().Select(m => m.Metric).ToList();
        Assert.Contains("queue_consumer_lag", listed);
        Assert.Contains("queue_depth", listed);

        // Namespaced: sum(queue_consumer_lag{namespace="default"}) by (name) → one item per name, with its labels.
        var lag = await adapter.ExternalAsync("default", "queue_consumer_lag");
        Assert.Equal([("billing", 5.0), ("orders", 42.0)], lag.Select(i => (i.MetricLabels["name"], i.Value)).Order());

        // The metric selector becomes matchers: sum(queue_consumer_lag{name="orders",namespace="default"}) by (name)
        Assert.Equal(42, Assert.Single(await adapter.ExternalAsync("default", "queue_consumer_lag", "name=orders")).Value);

        // namespaced: false ignores the HPA's namespace: sum(queue_depth{name="my-sample-queue",namespace="queue"}) by (name)
        var depth = Assert.Single(await adapter.ExternalAsync("default", "queue_depth", "namespace=queue,name=my-sample-queue"));
        Assert.Equal(80, depth.Value);
        Assert.Equal("my-sample-queue", depth.MetricLabels["name"]);
        Assert.Equal(100, (await adapter.ExternalAsync("default", "queue_depth")).Sum(i => i.Value));
    }

    [Fact]
    public async Task Config_reference_template_and_override_combined_serve_the_rules_max()
    {
        var adapter = await prometheus.AdapterAsync(ConfigReference);
        Assert.Equal(
            ["deployments.apps/http_server_inflight", "namespaces/http_server_inflight (cluster)", "statefulsets.apps/http_server_inflight"],
            adapter.Listed("http_server_inflight"));

        // max(http_server_inflight{namespace="shop",microservice="cart"}) by (microservice) = 9, not 4 + 9.
        Assert.Equal(9, await adapter.ValueAsync("deployments.apps", "shop", "cart", "http_server_inflight"));
        // kube_<<.Group>>_<<.Resource>> names statefulsets.apps kube_apps_statefulset.
        Assert.Equal(9, await adapter.ValueAsync("statefulsets.apps", "shop", "cart-db", "http_server_inflight"));
    }

    [Fact]
    public async Task A_rule_under_a_built_in_name_wins_with_its_own_aggregation()
    {
        var adapter = await prometheus.AdapterAsync(DcgmAverage);

        // The rule's associations replace the built-in's fixed list for that name.
        Assert.Equal(["namespaces/gpu_utilization (cluster)", "pods/gpu_utilization"], adapter.Listed("gpu_utilization"));
        // avg(DCGM_FI_DEV_GPU_UTIL{exported_namespace="llm",exported_pod="llama-0"}) by (exported_pod) = (90 + 60) / 2
        Assert.Equal(75, await adapter.ValueAsync("pods", "llm", "llama-0", "gpu_utilization"));
        // avg(DCGM_FI_DEV_GPU_UTIL{exported_namespace="llm"}) by (exported_namespace) = (90 + 60 + 30) / 3 — not a sum
        // of pod values (105) nor a mean of them (52.5).
        Assert.Equal(60, await adapter.ValueAsync("namespaces", "", "llm", "gpu_utilization"));
    }

    [Fact]
    public async Task The_seed_guide_rule_keeps_serving_the_queue_per_pod()
    {
        var adapter = await prometheus.AdapterAsync(SeedGuide);
        Assert.Equal(["namespaces/vllm_queue_depth (cluster)", "pods/vllm_queue_depth"], adapter.Listed("vllm_queue_depth"));
        var pods = await adapter.AllAsync("pods", "llm", "vllm_queue_depth", "app=llama");
        Assert.Equal(new Dictionary<string, double> { ["llama-0"] = 12, ["llama-1"] = 3 }, pods);

        // Polled from then on: a second read is answered from the last poll without a query of its own.
        var queries = adapter.Metrics.QueryCount;
        Assert.Equal(12, await adapter.ValueAsync("pods", "llm", "llama-0", "vllm_queue_depth"));
        Assert.Equal(queries, adapter.Metrics.QueryCount);
        Assert.Equal(1, adapter.Source.RuleQueries);
    }
}
