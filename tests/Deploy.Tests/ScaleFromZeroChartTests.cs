using System.Text.Json.Nodes;

namespace Autoscale.Deploy.Tests;

/// <summary>
/// Issue #15 items 2–3 in the chart: the KEDA scaler's port (off by default) wired from the flag to the container port
/// to the Service port, and the routers that feed scale from zero reaching the config file the adapter reads.
/// </summary>
public sealed class ScaleFromZeroChartTests
{
    private const string Adapter = "Deployment autoscale/autoscale-metrics-adapter";
    private const string Service = "Service autoscale/autoscale-metrics-adapter";

    [Fact]
    public void The_KEDA_scaler_is_off_by_default()
    {
        var objects = Render.Helm().ToDictionary(o => o.Key);

        Assert.DoesNotContain(Args(objects[Adapter]), a => a!.StartsWith("--keda-scaler", StringComparison.Ordinal));
        Assert.DoesNotContain(Ports(objects[Adapter]["spec.template.spec.containers[0].ports"]), p => p.Name == "keda-scaler");
        Assert.DoesNotContain(Ports(objects[Service]["spec.ports"]), p => p.Name == "keda-scaler");
    }

    [Theory]
    [InlineData("kedaScaler.enabled=true", 6444, false, "5s")]
    [InlineData("kedaScaler.enabled=true;kedaScaler.port=7443;kedaScaler.plaintext=true;kedaScaler.streamInterval=2s", 7443, true, "2s")]
    public void Enabled_it_is_wired_from_the_flag_to_the_container_port_to_the_Service(string values, int port, bool plaintext, string interval)
    {
        var objects = Render.Helm(RenderTests.Sets(values)).ToDictionary(o => o.Key);
        var args = Args(objects[Adapter]);

        Assert.Contains($"--keda-scaler-port={port}", args);
        Assert.Contains($"--keda-scaler-stream-interval={interval}", args);
        Assert.Equal(plaintext, args.Contains("--keda-scaler-plaintext"));
        // TLS: no certificate flags of its own, so the scaler serves the API's certificate (and follows its rotation).
        Assert.DoesNotContain(args, a => a!.StartsWith("--keda-scaler-tls", StringComparison.Ordinal));
        Assert.Contains(("keda-scaler", port, (string?)null), Ports(objects[Adapter]["spec.template.spec.containers[0].ports"]));
        Assert.Contains(("keda-scaler", port, "keda-scaler"), Ports(objects[Service]["spec.ports"]));
        // The APIService still reaches the API on 443 → https.
        Assert.Contains(("https", 443, "https"), Ports(objects[Service]["spec.ports"]));
    }

    [Theory]
    [InlineData("kedaScaler.port=6443", "at '/kedaScaler/port'")]
    [InlineData("kedaScaler.port=0", "at '/kedaScaler/port'")]
    [InlineData("kedaScaler.streamInterval=often", "at '/kedaScaler/streamInterval'")]
    [InlineData("adapter.routers[0].name=r", "at '/adapter/routers/0'")]
    [InlineData("adapter.routers[0].kind=nginx", "at '/adapter/routers/0")]
    public void The_schema_refuses_a_bad_scaler_or_router_value(string value, string message)
    {
        var template = Render.HelmTemplateRaw(value);

        Assert.NotEqual(0, template.ExitCode);
        Assert.Contains(message, template.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Routers_reach_the_config_file_and_the_adapter_accepts_it()
    {
        var config = (string)Render.Helm(
                "adapter.routers[0].name=llama-epp",
                "adapter.routers[0].kind=inferenceExtension",
                "adapter.routers[0].url=http://llama-epp.llm.svc:9090/metrics",
                "adapter.routers[0].models[0].model=meta-llama/Llama-3.1-8B-Instruct",
                "adapter.routers[0].models[0].target.namespace=llm",
                "adapter.routers[0].models[0].target.name=vllm-llama")
            .Single(o => o.Name == "autoscale-metrics-adapter-config")["data['config.yaml']"]!;

        Assert.Contains("routers:\n  - kind: inferenceExtension", config, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"chart-router-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, config);
        try
        {
            var result = Tool.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Autoscale.MetricsAdapter.dll"), "--check", $"--config={path}"]);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains("routers llama-epp (1 models)", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Access_to_a_routers_token_checked_metrics_is_opt_in_and_only_that_url()
    {
        Assert.DoesNotContain(Render.Helm(), o => o.Name == "autoscale-metrics-adapter-router-metrics");

        var objects = Render.Helm("adapter.routerMetricsAccess=true");
        var role = objects.Single(o => o.Kind == "ClusterRole" && o.Name == "autoscale-metrics-adapter-router-metrics");
        var rule = Assert.Single((JsonArray)role["rules"]!)!;
        Assert.Equal(["/metrics"], ((JsonArray)rule["nonResourceURLs"]!).Select(u => (string?)u));
        Assert.Equal(["get"], ((JsonArray)rule["verbs"]!).Select(v => (string?)v));
        Assert.Null(rule["resources"]);
        var binding = objects.Single(o => o.Kind == "ClusterRoleBinding" && o.Name == "autoscale-metrics-adapter-router-metrics");
        Assert.Equal("autoscale-metrics-adapter-router-metrics", (string?)binding["roleRef.name"]);
        Assert.Equal("autoscale-metrics-adapter", (string?)binding["subjects[0].name"]);
        Assert.Equal("autoscale", (string?)binding["subjects[0].namespace"]);
    }

    private static List<string?> Args(KObject deployment) =>
        ((JsonArray)deployment["spec.template.spec.containers[0].args"]!).Select(a => (string?)a).ToList();

    private static List<(string? Name, int? Port, string? Target)> Ports(JsonNode? ports) =>
        ((JsonArray)ports!).Select(p => ((string?)p!["name"], (int?)(p["port"] ?? p["containerPort"]), (string?)p["targetPort"])).ToList();
}
