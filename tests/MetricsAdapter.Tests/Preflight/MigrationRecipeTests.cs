using Autoscale.MetricsAdapter.Hosting;

namespace Autoscale.MetricsAdapter.Tests.Preflight;

/// <summary>
/// docs/migrating-from-prometheus-adapter.md step 1: prometheus-adapter's config.yaml, indented under
/// <c>prometheus:</c> with a <c>url:</c> and otherwise unchanged (the doc's <c>sed 's/^/  /'</c>), is a valid adapter
/// config; what is not served (resourceRules) is a warning, not a refusal.
/// </summary>
public sealed class MigrationRecipeTests : IDisposable
{
    // The shape of prometheus-adapter's Helm chart ConfigMap: rules, externalRules and resourceRules.
    private const string PrometheusAdapterConfig = """
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
          metricsQuery: sum(rate(<<.Series>>{<<.LabelMatchers>>,container!="POD"}[5m])) by (<<.GroupBy>>)
        - seriesQuery: '{__name__=~"^vllm:num_requests_waiting$",namespace!="",pod!=""}'
          resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
          name: {matches: "^vllm:(.*)$", as: "vllm_${1}"}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        externalRules:
        - seriesQuery: '{__name__="queue_messages_ready",queue!=""}'
          resources: {overrides: {namespace: {resource: namespace}}}
          name: {matches: "^(.*)$", as: "rabbitmq_${1}"}
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (queue)'
        resourceRules:
          cpu:
            containerQuery: sum(rate(container_cpu_usage_seconds_total{<<.LabelMatchers>>}[3m])) by (<<.GroupBy>>)
            nodeQuery: sum(rate(container_cpu_usage_seconds_total{<<.LabelMatchers>>, id='/'}[3m])) by (<<.GroupBy>>)
            resources:
              overrides:
                node: {resource: node}
                namespace: {resource: namespace}
                pod: {resource: pod}
            containerLabel: container
          window: 3m
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-migration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_indented_prometheus_adapter_config_is_valid_and_only_resourceRules_are_left_out()
    {
        // { echo 'prometheus:'; echo '  url: …'; sed 's/^/  /' pa-config.yaml; } > adapter-config.yaml
        var indented = string.Join('\n', PrometheusAdapterConfig.Split('\n').Select(line => "  " + line));
        var path = Path.Combine(_dir, "adapter-config.yaml");
        await File.WriteAllTextAsync(path, "prometheus:\n  url: http://prometheus-operated.monitoring.svc:9090/\n" + indented + "\n");
        var output = new StringWriter();
        var errors = new StringWriter();

        var rc = await CheckCommand.RunAsync(path, output, errors);

        Assert.Equal(0, rc);
        Assert.StartsWith("config ok: source prometheus", output.ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: prometheus.resourceRules (line ", warning, StringComparison.Ordinal);
        Assert.EndsWith("(not served)", warning, StringComparison.Ordinal);
    }
}
