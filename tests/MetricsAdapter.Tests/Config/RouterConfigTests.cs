using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources.Router;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Config;

/// <summary>The <c>routers:</c> section: read into endpoints, every mistake refused naming its field, the last good config kept.</summary>
public sealed class RouterConfigTests : IDisposable
{
    private const string Good = """
        routers:
          - name: vllm-router
            kind: productionStack
            url: http://vllm-router-service.default.svc/metrics
            models:
              - model: meta-llama/Llama-3.1-8B-Instruct
                target: { namespace: llm, name: llama }
          - name: epp
            kind: inferenceExtension
            url: https://llama-epp.llm.svc:9090/metrics
            bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
            models:
              - model: llama-8b
                target: { namespace: llm, name: llama-lws, kind: LeaderWorkerSet, apiVersion: leaderworkerset.x-k8s.io/v1 }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Routers_are_read_with_their_models_and_scale_targets()
    {
        var routers = AdapterConfigParser.Parse(Good).Routers;

        Assert.Equal(2, routers.Count);
        Assert.Equal(new RouterEndpoint("vllm-router", RouterKind.ProductionStack, new Uri("http://vllm-router-service.default.svc/metrics"), routers[0].Models), routers[0]);
        var llama = Assert.Single(routers[0].Models);
        Assert.Equal(new RouterModel("meta-llama/Llama-3.1-8B-Instruct", GroupResource.Deployments, new ObjectReference("Deployment", "llm", "llama", "apps/v1")), llama);
        var lws = Assert.Single(routers[1].Models);
        Assert.Equal(RouterKind.InferenceExtension, routers[1].Kind);
        Assert.Equal("/var/run/secrets/kubernetes.io/serviceaccount/token", routers[1].BearerTokenFile);
        Assert.Null(routers[0].BearerTokenFile);
        Assert.Equal(new GroupResource("leaderworkerset.x-k8s.io", "leaderworkersets"), lws.Resource);
        Assert.Empty(AdapterConfig.Default.Routers);
    }

    [Fact]
    public void Equal_sections_compare_equal_so_a_reload_keeps_the_loops()
    {
        Assert.True(RouterEndpoint.SameAll(AdapterConfigParser.Parse(Good).Routers, AdapterConfigParser.Parse(Good).Routers));
        Assert.False(RouterEndpoint.SameAll(AdapterConfigParser.Parse(Good).Routers, AdapterConfigParser.Parse(Good.Replace("llama-8b", "llama-70b", StringComparison.Ordinal)).Routers));
    }

    [Theory]
    [InlineData("routers: [{ name: r, kind: nginx, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].kind:")]
    [InlineData("routers: [{ name: r, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].kind: is required")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'ftp://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].url: must be an absolute http or https URL")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: '/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].url:")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [] }]", "routers[0].models: at least one model")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ target: { namespace: llm, name: d } }] }]", "routers[0].models[0].model: is required")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m }] }]", "routers[0].models[0].target: is required")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: Llm, name: d } }] }]", "routers[0].models[0].target.namespace:")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: D_x } }] }]", "routers[0].models[0].target.name:")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d, kind: deployment } }] }]", "routers[0].models[0].target.kind:")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d, replicas: 0 } }] }]", "routers[0].models[0].target.replicas: unknown key")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }, { model: m, target: { namespace: llm, name: d } }] }]", "routers[0].models[1]: model 'm' is mapped to deployments.apps llm/d twice")]
    [InlineData("routers: [{ name: r, kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }, { name: r, kind: inferenceExtension, url: 'http://e/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[1].name: 'r' names another router too")]
    [InlineData("routers: [{ kind: productionStack, url: 'http://r/metrics', models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].name: is required")]
    [InlineData("routers: [{ name: r, kind: inferenceExtension, url: 'http://e/metrics', bearerTokenFile: token, models: [{ model: m, target: { namespace: llm, name: d } }] }]", "routers[0].bearerTokenFile: must be an absolute path")]
    [InlineData("routers: { name: r }", "routers:")]
    [InlineData("routers: [ 42 ]", "routers[0]:")]
    public void A_bad_router_is_refused_naming_the_field(string yaml, string error)
    {
        var e = Assert.Throws<ConfigException>(() => AdapterConfigParser.Parse(yaml));
        Assert.Contains(e.Errors, line => line.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_edit_of_the_routers_keeps_the_last_good_config()
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, Good);
        var source = ConfigFileWatcher.LoadInitial(path, Metrics.NewCustomRegistry());
        var watcher = new ConfigFileWatcher(path, source, new FakeTimeProvider(), NullLogger<ConfigFileWatcher>.Instance);
        watcher.Poll();
        Assert.True(source.IsValid);

        File.WriteAllText(path, Good.Replace("kind: inferenceExtension", "kind: envoy", StringComparison.Ordinal));
        watcher.Poll();

        Assert.False(source.IsValid);
        Assert.Contains("routers[1].kind:", source.LastError, StringComparison.Ordinal);
        Assert.Equal(2, source.Current.Routers.Count);
        Assert.Equal(RouterKind.InferenceExtension, source.Current.Routers[1].Kind);
    }
}
