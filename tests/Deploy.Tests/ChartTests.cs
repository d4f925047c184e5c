using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Autoscale.Deploy.Tests;

/// <summary>
/// Issue #13 item 6: the chart's values schema, generated README, NOTES, monitors and both data modes.
/// </summary>
public sealed class ChartTests
{
    [Theory]
    [InlineData("adapter.replicas=two", "at '/adapter/replicas': got string, want integer")]
    [InlineData("preflight.allowTakeover=maybe", "at '/preflight/allowTakeover': got string, want boolean")]
    [InlineData("adapter.scrapeInterval=fast", "at '/adapter/scrapeInterval'")]
    [InlineData("adapter.source=pods", "at '/adapter/source'")]
    [InlineData("adapter.replica=2", "additional properties 'replica' not allowed")]
    [InlineData("imagePullSecrets[0].nam=x", "at '/imagePullSecrets/0'")]
    [InlineData("controller.warmPool.backend=buffers", "at '/controller/warmPool/backend'")]
    public void The_values_schema_rejects_a_wrong_type_or_key_in_template_and_lint(string value, string message)
    {
        var template = Render.HelmTemplateRaw(value);
        var lint = Tool.Run(Repo.Helm, ["lint", Path.Combine(Repo.Deploy, "chart"), "--strict", "--namespace", Render.Namespace, "--set", value]);

        Assert.NotEqual(0, template.ExitCode);
        Assert.Contains(message, template.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains(message, lint.Stdout + lint.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warm_pool_backend_value_sets_the_shipped_configs_default_and_changes_nothing_else()
    {
        static string Config(params string[] sets) =>
            (string)Render.Helm(sets).Single(o => o.Kind == "ConfigMap" && ((string?)o["metadata.name"])!.EndsWith("-controller-config", StringComparison.Ordinal))["data"]!["config.yaml"]!;
        var shipped = Config();

        var set = Config("controller.warmPool.backend=auto", "controller.warmPool.provisioningStrategy=buffer.x-k8s.io/active-capacity");

        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Deploy, "chart", "files", "controller-config.yaml")).TrimEnd('\n'), shipped.TrimEnd('\n'));
        Assert.Equal(
            shipped.Replace("\n  warmPool:\n", "\n  warmPool:\n    backend: auto\n    provisioningStrategy: buffer.x-k8s.io/active-capacity\n", StringComparison.Ordinal),
            set);
        Assert.DoesNotContain("backend:", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_values_table_is_current()
    {
        var generated = Tool.Run("node", [Path.Combine(Repo.Root, "scripts", "chart-readme.mjs"), "--stdout"]).OrThrow("chart-readme.mjs");
        var readme = File.ReadAllText(Path.Combine(Repo.Deploy, "chart", "README.md"));

        Assert.True(generated == readme, "deploy/chart/README.md is out of date: run node scripts/chart-readme.mjs");
    }

    [Fact]
    public void The_README_lists_every_value()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Deploy, "chart", "README.md"));

        // A sample across sections and depths; the generator walks every line of values.yaml.
        foreach (var key in (string[])["image.registry", "imagePullSecrets", "preflight.allowTakeover", "adapter.source", "adapter.prometheus.url",
                     "apiService.enabled", "controller.scaleTargets", "monitoring.podMonitor.enabled", "monitoring.dashboard.labels.grafana_dashboard"])
        {
            Assert.Contains($"| `{key}` |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NOTES_say_how_to_check_it_works()
    {
        var notes = Notes();

        Assert.Contains("kubectl get apiservice v1beta2.custom.metrics.k8s.io v1beta1.custom.metrics.k8s.io", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get --raw /apis/custom.metrics.k8s.io/v1beta2", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get hpa -A", notes, StringComparison.Ordinal);
        Assert.Contains("WARNING: image.registry is registry.example.com/autoscale, a placeholder", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", Notes("image.registry=ghcr.io/me"), StringComparison.Ordinal);
        Assert.Contains("kubectl get apiservice v1beta1.external.metrics.k8s.io", Notes("externalMetrics.enabled=true"), StringComparison.Ordinal);
        var sideBySide = Notes("apiService.enabled=false");
        Assert.DoesNotContain("kubectl get apiservice", sideBySide, StringComparison.Ordinal);
        Assert.Contains("docs/migrating-from-prometheus-adapter.md", sideBySide, StringComparison.Ordinal);
    }

    [Fact]
    public void PodMonitor_selects_both_programs_on_their_metrics_port()
    {
        var objects = Render.Helm("monitoring.podMonitor.enabled=true");
        var monitor = objects.Single(o => o.Kind == "PodMonitor");
        var names = ((JsonArray)monitor["spec.selector.matchExpressions[0].values"]!).Select(v => (string)v!).ToList();

        Assert.Equal(["autoscale-metrics-adapter", "autoscale-scale-controller"], names);
        foreach (var deployment in objects.Where(o => o.Kind == "Deployment"))
        {
            Assert.Contains((string?)deployment["metadata.name"], names);
            Assert.Contains(((JsonArray)deployment["spec.template.spec.containers[0].ports"]!), p => (string?)p!["name"] == "metrics");
        }

        Assert.Equal("metrics", (string?)monitor["spec.podMetricsEndpoints[0].port"]);
        Assert.DoesNotContain(Render.Helm("monitoring.podMonitor.enabled=true", "controller.enabled=false").Single(o => o.Kind == "PodMonitor")["spec.selector.matchExpressions[0].values"]!.AsArray(),
            v => (string?)v == "autoscale-scale-controller");
    }

    [Fact]
    public void ServiceMonitor_scrapes_a_metrics_Service_per_program()
    {
        var objects = Render.Helm("monitoring.serviceMonitor.enabled=true");
        var monitor = objects.Single(o => o.Kind == "ServiceMonitor");
        var services = objects.Where(o => o.Kind == "Service" && (string?)o["metadata.labels['autoscale.dev/metrics']"] == "true").ToList();

        Assert.Equal(["autoscale-metrics-adapter-metrics", "autoscale-scale-controller-metrics"], services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(services, s => Assert.Equal("metrics", (string?)s["spec.ports[0].targetPort"]));
        Assert.Equal("metrics", (string?)monitor["spec.endpoints[0].port"]);
    }

    [Fact]
    public async Task Both_data_modes_render_a_config_the_adapter_accepts()
    {
        var scrape = AdapterConfig(Render.Helm());
        // prometheus-adapter's rules pasted into a values file, as a user would.
        var prometheus = AdapterConfig(HelmWithValues("""
            adapter:
              source: prometheus
              prometheus:
                url: http://prometheus-operated.monitoring.svc:9090/
                rules:
                - seriesQuery: '{__name__=~"^vllm:num_requests_waiting$",namespace!="",pod!=""}'
                  resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
                  name: {matches: "^vllm:(.*)$", as: "vllm_${1}"}
                  metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
            """));

        Assert.StartsWith("config ok: source pod scraping", await CheckAsync(scrape), StringComparison.Ordinal);
        Assert.StartsWith("config ok: source prometheus", await CheckAsync(prometheus), StringComparison.Ordinal);
        Assert.Contains("url: \"http://prometheus-operated.monitoring.svc:9090/\"", prometheus, StringComparison.Ordinal);
        Assert.Contains("seriesQuery:", prometheus, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prometheus_mode_needs_a_url()
    {
        var result = Render.HelmTemplateRaw("adapter.source=prometheus");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("adapter.prometheus.url is required when adapter.source is prometheus", result.Stderr, StringComparison.Ordinal);
    }

    private static IReadOnlyList<KObject> HelmWithValues(string values)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chart-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, values);
        try
        {
            return Manifest.Parse(Tool.Run(Repo.Helm, ["template", "autoscale", Path.Combine(Repo.Deploy, "chart"), "--namespace", Render.Namespace, "-f", path])
                .OrThrow("helm template -f"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string AdapterConfig(IReadOnlyList<KObject> objects) =>
        (string)objects.Single(o => o.Name == "autoscale-metrics-adapter-config")["data['config.yaml']"]!;

    private static async Task<string> CheckAsync(string config)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chart-adapter-config-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, config);
        try
        {
            var result = Tool.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Autoscale.MetricsAdapter.dll"), "--check", $"--config={path}"]);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            return result.Stdout;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Notes(params string[] sets)
    {
        var args = new List<string> { "install", "autoscale", Path.Combine(Repo.Deploy, "chart"), "--namespace", Render.Namespace, "--dry-run=client" };
        foreach (var set in sets)
        {
            args.AddRange(["--set", set]);
        }

        var output = Tool.Run(Repo.Helm, args).OrThrow("helm install --dry-run");
        var start = output.IndexOf("NOTES:", StringComparison.Ordinal);
        Assert.True(start >= 0, "no NOTES in:\n" + output);
        return output[start..];
    }
}
