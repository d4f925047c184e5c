using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Tests.Sources.Targets;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.EndToEnd;

/// <summary>
/// The planner's <c>autoscale_desired_replicas</c> (planner contract §2), end to end: HPAs created in the Kubernetes API
/// test server, read by the adapter's discovery through the real KubernetesClient, served over HTTPS in v1beta1 and
/// v1beta2 on the HPA's scale target with the annotation's timestamp, and refused with a Status saying why when it
/// cannot be served. The clock is a FakeTimeProvider, so staleness is exact.
/// </summary>
public sealed class DesiredReplicasTests : IAsyncLifetime
{
    private const string Prefix = "/apis/custom.metrics.k8s.io";
    private static readonly DateTimeOffset PublishedAt = new(2026, 12, 7, 6, 30, 0, TimeSpan.Zero);

    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(PublishedAt.AddSeconds(10));
    private KubeApiTestServer _api = null!;
    private RunningAdapter _adapter = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiTestServer.StartAsync();
        _api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        _api.Upsert(Kube.Deployment("llm", "vllm"));
        _api.Upsert(Kube.Deployment("llm", "other", new Dictionary<string, string> { ["app"] = "other" }));
        _api.Upsert(Hpa("vllm", "Deployment", "apps/v1", Annotation(12, PublishedAt)));
        _api.Upsert(Hpa("lws", "LeaderWorkerSet", "leaderworkerset.x-k8s.io/v1", Annotation(3, PublishedAt)));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_adapter is not null)
        {
            await _adapter.DisposeAsync();
        }

        await _api.DisposeAsync();
        _pki.Dispose();
    }

    [Theory]
    [InlineData("v1beta1")]
    [InlineData("v1beta2")]
    public async Task Served_on_the_scale_target_with_the_annotation_timestamp(string version)
    {
        await StartAdapterAsync();

        var item = await ServedAsync($"{Prefix}/{version}/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas");

        Assert.Equal("12", item["value"]!.GetValue<string>());
        Assert.Equal("2026-12-07T06:30:00Z", item["timestamp"]!.GetValue<string>());
        Assert.Equal("Deployment", item["describedObject"]!["kind"]!.GetValue<string>());
        Assert.Equal("vllm", item["describedObject"]!["name"]!.GetValue<string>());
        Assert.Equal("apps/v1", item["describedObject"]!["apiVersion"]!.GetValue<string>());
        var name = version == "v1beta1" ? item["metricName"] : item["metric"]!["name"];
        Assert.Equal("autoscale_desired_replicas", name!.GetValue<string>());

        // Any kind an HPA scales, at the resource the HPA controller guesses from the kind.
        var lws = await ServedAsync($"{Prefix}/{version}/namespaces/llm/leaderworkersets.leaderworkerset.x-k8s.io/lws/autoscale_desired_replicas");
        Assert.Equal("3", lws["value"]!.GetValue<string>());
        Assert.Equal("LeaderWorkerSet", lws["describedObject"]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v1beta1")]
    [InlineData("v1beta2")]
    public async Task Listed_in_discovery(string version)
    {
        await StartAdapterAsync();
        await ServedAsync($"{Prefix}/{version}/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas");

        var (code, body) = await GetAsync($"{Prefix}/{version}");

        Assert.Equal(HttpStatusCode.OK, code);
        var names = JsonNode.Parse(body)!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("deployments.apps/autoscale_desired_replicas", names);
        Assert.Contains("statefulsets.apps/autoscale_desired_replicas", names);
        Assert.Contains("leaderworkersets.leaderworkerset.x-k8s.io/autoscale_desired_replicas", names);
        Assert.DoesNotContain("pods/autoscale_desired_replicas", names);
    }

    [Fact]
    public async Task Stale_past_the_max_age_then_served_again_when_refreshed()
    {
        await StartAdapterAsync();
        var path = $"{Prefix}/v1beta2/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas";
        await ServedAsync(path);

        _time.SetUtcNow(PublishedAt.AddSeconds(120));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(path)).Code);

        _time.SetUtcNow(PublishedAt.AddSeconds(121));
        var message = await NotFoundAsync(path);
        Assert.Contains("is stale", message, StringComparison.Ordinal);
        Assert.Contains("121s ago", message, StringComparison.Ordinal);
        Assert.Contains("max age of 120s", message, StringComparison.Ordinal);

        // The controller refreshes it: served again, with the new timestamp.
        _api.Upsert(Hpa("vllm", "Deployment", "apps/v1", Annotation(9, PublishedAt.AddSeconds(120))));
        var item = await ServedAsync(path);
        Assert.Equal("9", item["value"]!.GetValue<string>());
        Assert.Equal("2026-12-07T06:32:00Z", item["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_max_age_comes_from_the_config()
    {
        var config = AdapterConfigParser.Parse("serving:\n  desiredReplicasMaxAge: 45s\n");
        await StartAdapterAsync(config);
        var path = $"{Prefix}/v1beta1/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas";
        await ServedAsync(path);

        _time.SetUtcNow(PublishedAt.AddSeconds(46));

        Assert.Contains("max age of 45s", await NotFoundAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_says_why()
    {
        _api.Upsert(Hpa("broken", "Deployment", "apps/v1", "{\"replicas\":\"many\",\"at\":\"2026-12-07T06:30:00.000Z\"}"));
        _api.Upsert(Hpa("future", "Deployment", "apps/v1", Annotation(4, PublishedAt.AddMinutes(10))));
        _api.Upsert(Hpa("quiet", "StatefulSet", "apps/v1", annotation: null));
        await StartAdapterAsync();
        await ServedAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas");

        Assert.Contains("no HorizontalPodAutoscaler in namespace llm scales deployments.apps other",
            await NotFoundAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/other/autoscale_desired_replicas"), StringComparison.Ordinal);
        Assert.Contains("HPA llm/broken annotation autoscale.dev/desired-replicas is unreadable: \"replicas\"",
            await NotFoundAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/broken/autoscale_desired_replicas"), StringComparison.Ordinal);
        Assert.Contains("HPA llm/quiet annotation autoscale.dev/desired-replicas has no value",
            await NotFoundAsync($"{Prefix}/v1beta1/namespaces/llm/statefulsets.apps/quiet/autoscale_desired_replicas"), StringComparison.Ordinal);
        Assert.Contains("in the future",
            await NotFoundAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/future/autoscale_desired_replicas"), StringComparison.Ordinal);

        // The annotation removed (the planner has nothing to say): not served.
        _api.Upsert(Hpa("vllm", "Deployment", "apps/v1", annotation: null));
        await Eventually(async () => (await GetAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas")).Code == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wildcard_serves_every_fresh_value_matching_the_selector()
    {
        _api.Upsert(Hpa("other", "Deployment", "apps/v1", Annotation(2, PublishedAt.AddSeconds(-300))));
        await StartAdapterAsync();
        await ServedAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/vllm/autoscale_desired_replicas");

        var (code, body) = await GetAsync($"{Prefix}/v1beta2/namespaces/llm/deployments.apps/*/autoscale_desired_replicas?labelSelector=team%3Dllm");

        Assert.Equal(HttpStatusCode.OK, code);
        var items = JsonNode.Parse(body)!["items"]!.AsArray();
        var only = Assert.Single(items); // "other" is stale
        Assert.Equal("vllm", only!["describedObject"]!["name"]!.GetValue<string>());
    }

    private async Task StartAdapterAsync(AdapterConfig? config = null)
    {
        _adapter = await RunningAdapter.StartAsync(_pki, new Autoscale.MetricsAdapter.Store.MetricStore(), _time, kubernetes: _api.CreateClient(), runPipeline: true, config: config);
        _client = _adapter.CreateClient(_pki.ClientCertificate("jane", "sre"));
    }

    private async Task<JsonNode> ServedAsync(string path)
    {
        JsonNode? item = null;
        await Eventually(async () =>
        {
            var (code, body) = await GetAsync(path);
            item = code == HttpStatusCode.OK ? JsonNode.Parse(body)!["items"]![0] : null;
            return item is not null;
        });
        return item!;
    }

    private async Task<string> NotFoundAsync(string path)
    {
        var (code, body) = await GetAsync(path);
        Assert.True(code == HttpStatusCode.NotFound, $"{path}: {code} {body}");
        var status = JsonNode.Parse(body)!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        return status["message"]!.GetValue<string>();
    }

    private async Task<(HttpStatusCode Code, string Body)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System);
        }

        Assert.Fail("timed out waiting for the adapter to see the HPA");
    }

    private static string Annotation(int replicas, DateTimeOffset at) =>
        $"{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)},\"at\":\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}\",\"reason\":\"demand 40 req/s\"}}";

    private static V2HorizontalPodAutoscaler Hpa(string target, string kind, string apiVersion, string? annotation) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = target,
            NamespaceProperty = "llm",
            Annotations = annotation is null ? null : new Dictionary<string, string> { ["autoscale.dev/desired-replicas"] = annotation },
        },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = apiVersion, Kind = kind, Name = target },
            MaxReplicas = 40,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Object",
                    ObjectProperty = new V2ObjectMetricSource
                    {
                        DescribedObject = new V2CrossVersionObjectReference { ApiVersion = apiVersion, Kind = kind, Name = target },
                        Metric = new V2MetricIdentifier { Name = "autoscale_desired_replicas" },
                        Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("1") },
                    },
                },
            ],
        },
    };
}
