using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Watch.CapacityBuffers;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Autoscale.Testing.KubeApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.ScaleController.Tests.Watch.CapacityBuffers;

/// <summary>Discovery of autoscaling.x-k8s.io and the list of our buffers, through the real client against the test server.</summary>
public sealed class CapacityBufferFeedTests
{
    private static readonly ControllerConfig Wanting = Decide.Fixtures.ConfigOf(Decide.Fixtures.Workload(policy: WorkloadPolicy.Default with
    {
        WarmPool = WarmPoolPolicy.Default with { Backend = WarmPoolBackend.Auto },
    }));

    private static (CapacityBufferFeed Feed, FakeTimeProvider Time, k8s.Kubernetes Client) Feed(KubeApiTestServer server)
    {
        var client = server.CreateClient();
        var time = new FakeTimeProvider(Decide.Fixtures.Now);
        var api = new ApiReader(client);
        return (new CapacityBufferFeed(api, new CapacityBufferDiscovery(api, time), time, NullLogger.Instance), time, client);
    }

    [Fact]
    public async Task With_every_pool_on_placeholders_it_looks_once_at_start_then_never()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        Kube.CapacityBuffers.AddCrd(server);
        var (feed, _, client) = Feed(server);
        using var _ = client;
        var placeholders = Decide.Fixtures.ConfigOf(Decide.Fixtures.Workload());

        Assert.Null(await feed.RefreshAsync(placeholders, CancellationToken.None));
        Assert.Equal(["get /apis/autoscaling.x-k8s.io", "list /apis/autoscaling.x-k8s.io/v1beta1/capacitybuffers"], server.Requests.Select(r => $"{r.Verb} {r.Path}"));
        Assert.Null(await feed.RefreshAsync(placeholders, CancellationToken.None));
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(new[] { "v1alpha1", "v1beta1" }, "v1beta1")]
    [InlineData(new[] { "v1alpha1", "v1beta1", "v1" }, "v1")]
    [InlineData(new[] { "v1alpha1" }, null)]   // deprecated upstream: never written
    public async Task The_newest_known_version_is_written(string[] served, string? expected)
    {
        await using var server = await KubeApiTestServer.StartAsync();
        Kube.CapacityBuffers.AddCrd(server, served);
        var (feed, _, client) = Feed(server);
        using var _ = client;

        Assert.Equal(expected, (await feed.RefreshAsync(Wanting, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task Only_our_buffers_are_read_and_a_failed_read_keeps_the_last_answer()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        Kube.CapacityBuffers.AddCrd(server);
        server.UpsertJson("""
            {"apiVersion":"autoscaling.x-k8s.io/v1beta1","kind":"CapacityBuffer",
             "metadata":{"name":"autoscale-warm-qwen","namespace":"llm","creationTimestamp":"2025-11-24T11:00:00Z",
               "labels":{"app.kubernetes.io/managed-by":"autoscale-scale-controller","autoscale.dev/template-hash":"abc"},
               "annotations":{"autoscale.dev/owner":"Deployment/qwen","autoscale.dev/chunk-gpus":"2"}},
             "spec":{"podTemplateRef":{"name":"autoscale-warm-qwen"},"replicas":3,"provisioningStrategy":"buffer.x-k8s.io/active-capacity"},
             "status":{"replicas":2,"conditions":[{"type":"Provisioning","status":"True","reason":"Provisioning","message":"","lastTransitionTime":"2025-11-24T11:00:00Z"}]}}
            """);
        server.UpsertJson("""
            {"apiVersion":"autoscaling.x-k8s.io/v1beta1","kind":"CapacityBuffer","metadata":{"name":"someone-elses","namespace":"llm"},
             "spec":{"podTemplateRef":{"name":"x"},"replicas":1}}
            """);
        var (feed, time, client) = Feed(server);
        using var _ = client;

        var api = await feed.RefreshAsync(Wanting, CancellationToken.None);

        var buffer = Assert.Single(api!.Buffers);
        Assert.Equal((Decide.Fixtures.Qwen, 3, "abc", 2, 2, "buffer.x-k8s.io/active-capacity"), (buffer.Owner, buffer.Replicas, buffer.TemplateHash, buffer.Gpus, buffer.StatusReplicas, buffer.ProvisioningStrategy));
        Assert.True(Assert.Single(buffer.Conditions).IsTrue);
        var stamped = server.ListJson("autoscaling.x-k8s.io", "CapacityBuffer", "llm").First(b => b["metadata"]!["name"]!.GetValue<string>() == buffer.Name);
        Assert.Equal(DateTimeOffset.Parse(stamped["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), buffer.Created);

        // A 500 on discovery (next minute) keeps the version; a 500 on the list keeps the last answer.
        time.Advance(CapacityBufferDiscovery.DefaultInterval);
        server.FailNext(1, InjectedFault.InternalError, r => r.Path == "/apis/autoscaling.x-k8s.io");
        server.FailNext(1, InjectedFault.InternalError, r => r.Resource == "capacitybuffers");
        Assert.Same(api, await feed.RefreshAsync(Wanting, CancellationToken.None));
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/apis/autoscaling.x-k8s.io"));

        // Once no pool wants buffers they are still read, to be collected, until none of ours is left; then never again.
        Assert.NotNull(await feed.RefreshAsync(ControllerConfig.Empty, CancellationToken.None));
        server.DeleteJson("autoscaling.x-k8s.io", "CapacityBuffer", "llm", "autoscale-warm-qwen");
        Assert.Null(await feed.RefreshAsync(ControllerConfig.Empty, CancellationToken.None));
        var asked = server.Requests.Count;
        Assert.Null(await feed.RefreshAsync(ControllerConfig.Empty, CancellationToken.None));
        Assert.Equal(asked, server.Requests.Count);
    }
}
