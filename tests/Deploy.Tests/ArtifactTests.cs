using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Autoscale.Deploy.Tests;

/// <summary>Dockerfiles, monitoring and examples: the parts no render step checks by itself.</summary>
public sealed partial class ArtifactTests
{
    [Theory]
    [InlineData("metrics-adapter", "src/MetricsAdapter/MetricsAdapter.csproj", "Autoscale.MetricsAdapter")]
    [InlineData("scale-controller", "src/ScaleController/ScaleController.csproj", "Autoscale.ScaleController")]
    public void Dockerfiles_take_the_base_as_an_argument_and_run_the_right_program_as_non_root(string name, string project, string assembly)
    {
        // One recipe for Docker and buildah: the base is a build argument, the context is the publish output that
        // scripts/build-images.sh makes (./test.sh builds and smoke-tests the images with buildah).
        var text = File.ReadAllText(Path.Combine(Repo.Deploy, "docker", name + ".Dockerfile"));
        Assert.Matches(@"(?m)^ARG BASE_IMAGE=mcr\.microsoft\.com/dotnet/aspnet:10\.0-noble-chiseled-extra$", text);
        Assert.Matches(@"(?m)^FROM \$\{BASE_IMAGE\}$", text);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/app/{assembly}.dll\"]", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER 1654:1654$", text);
        var script = File.ReadAllText(Path.Combine(Repo.Root, "scripts", "build-images.sh"));
        Assert.Contains($"{name}:{project}", script, StringComparison.Ordinal);
        Assert.Contains($"<AssemblyName>{assembly}</AssemblyName>", File.ReadAllText(Path.Combine(Repo.Root, project)), StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_run_as_the_uid_of_the_images()
    {
        // The Dockerfiles' USER 1654:1654 ($APP_UID of Microsoft's .NET images).
        foreach (var deployment in Render.Kustomize(".").Where(o => o.Kind == "Deployment"))
        {
            Assert.Equal(1654, (int?)deployment["spec.template.spec.securityContext.runAsUser"]);
        }
    }

    [Fact]
    public void Dashboard_is_valid_and_queries_autoscale_and_vllm_metrics()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "grafana-dashboard.json")))!;
        var exprs = Exprs(dashboard).ToList();
        Assert.NotEmpty(exprs);
        Assert.Contains(exprs, e => e.Contains("autoscale_adapter_", StringComparison.Ordinal));
        Assert.Contains(exprs, e => e.Contains("autoscale_controller_", StringComparison.Ordinal));
        Assert.Contains(exprs, e => e.Contains("vllm:", StringComparison.Ordinal));
        var ids = dashboard["panels"]!.AsArray().Select(p => (int)p!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(
            File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "grafana-dashboard.json")),
            File.ReadAllText(Path.Combine(Repo.Deploy, "chart", "files", "grafana-dashboard.json")));
    }

    [Fact]
    public void Alerts_cover_the_agreed_conditions()
    {
        var rule = Render.Kustomize("monitoring").Single(o => o.Kind == "PrometheusRule");
        var exprs = rule["spec.groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray())
            .ToDictionary(r => (string)r!["alert"]!, r => (string)r!["expr"]!);
        Assert.Contains("aggregator_unavailable_apiservice", exprs["AutoscaleCustomMetricsAPIServiceUnavailable"], StringComparison.Ordinal);
        Assert.Contains("autoscale_adapter_served_sample_age_seconds", exprs["AutoscaleServedMetricsStale"], StringComparison.Ordinal);
        Assert.Contains("autoscale_adapter_config_valid == 0", exprs["AutoscaleAdapterConfigInvalid"], StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_config_valid == 0", exprs["AutoscaleControllerConfigInvalid"], StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_warm_pool_", exprs["AutoscaleWarmPoolExhausted"], StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_names_in_monitoring_are_listed_in_its_readme()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "README.md"));
        var used = AutoscaleMetric().Matches(
                File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "grafana-dashboard.json"))
                + File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "prometheusrule.yaml")))
            .Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", ""))
            .Distinct();
        Assert.All(used, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Metric_names_in_monitoring_are_exported_by_the_programs()
    {
        // The programs declare their collectors with literal names; monitoring may only query those.
        var declared = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => AutoscaleMetric().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var used = AutoscaleMetric().Matches(
                File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "grafana-dashboard.json"))
                + File.ReadAllText(Path.Combine(Repo.Deploy, "monitoring", "prometheusrule.yaml")))
            .Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", ""))
            .Distinct();
        Assert.All(used, name => Assert.Contains(name, declared));
    }

    [Fact]
    public void Vllm_example_survives_a_15_minute_model_load_and_scales_on_served_metrics()
    {
        var objects = Render.Kustomize("examples");
        var vllm = objects.Single(o => o.Key == "Deployment llm/vllm-llama");
        var c = vllm["spec.template.spec.containers[0]"]!;
        var startup = c["startupProbe"]!;
        Assert.True((int)startup["failureThreshold"]! * (int)startup["periodSeconds"]! >= 900);
        Assert.Equal("/health", (string?)startup["httpGet"]!["path"]);
        Assert.Equal("/health", (string?)c["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("1", (string?)Manifest.At(c, "resources.limits['nvidia.com/gpu']"));
        Assert.Equal("1", (string?)Manifest.At(c, "resources.requests['nvidia.com/gpu']"));
        Assert.Equal("8000", (string?)vllm["spec.template.metadata.annotations['prometheus.io/port']"]);

        var hpas = objects.Where(o => o.Kind == "HorizontalPodAutoscaler").ToDictionary(o => o.Name);
        Assert.All(hpas.Values, h => Assert.Equal("true", (string?)h["metadata.annotations['autoscale.dev/managed']"]));
        var queue = hpas["vllm-llama"]["spec.metrics[0].pods"]!;
        Assert.Equal("vllm_queue_depth", (string?)queue["metric"]!["name"]);
        Assert.Equal("5", (string?)queue["target"]!["averageValue"]);
        // The KV-cache HPA is the alternative for the same Deployment, applied on its own (not in the kustomization).
        var kv = ExamplesTests.Standalone().Single(o => o.Kind == "HorizontalPodAutoscaler" && (string?)o["spec.metrics[0].pods.metric.name"] == "vllm_kv_cache_usage")["spec.metrics[0].pods"]!;
        Assert.Equal("vllm_kv_cache_usage", (string?)kv["metric"]!["name"]);
        Assert.NotNull(Manifest.At(kv, "metric.selector.matchLabels.model_name"));

        // Both served names exist in the adapter's default catalog.
        var config = (string)Render.Kustomize(".").Single(o => o.Name == "autoscale-metrics-adapter-config")["data['config.yaml']"]!;
        Assert.Contains("name: vllm_queue_depth", config, StringComparison.Ordinal);
        Assert.Contains("name: vllm_kv_cache_usage", config, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Exprs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == "expr" && kv.Value?.GetValueKind() == JsonValueKind.String
            ? [(string)kv.Value!]
            : Exprs(kv.Value)),
        JsonArray a => a.SelectMany(Exprs),
        _ => [],
    };

    [GeneratedRegex(@"\bautoscale_(adapter|controller)_[a-z_]+")]
    private static partial Regex AutoscaleMetric();
}
