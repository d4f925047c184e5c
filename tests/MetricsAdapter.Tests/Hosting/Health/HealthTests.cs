using System.Net;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Autoscale.MetricsAdapter.Sources;

namespace Autoscale.MetricsAdapter.Tests.Hosting.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Not_ready_until_synced_and_reported_and_metric_reads_are_503_meanwhile()
    {
        using var pki = new TestPki();
        var store = new MetricStore();
        await using var adapter = await RunningAdapter.StartAsync(pki, store, new FakeTimeProvider(TestFleet.Now));
        using var client = adapter.CreateClient(pki.ClientCertificate("jane"));

        using (var notReady = await client.GetAsync(new Uri("/readyz?verbose", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, notReady.StatusCode);
            var text = await notReady.Content.ReadAsStringAsync();
            Assert.Contains("[-]informer-sync failed", text, StringComparison.Ordinal);
            Assert.Contains("[-]has-data failed", text, StringComparison.Ordinal);
        }

        using (var metric = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, metric.StatusCode);
        }

        using (var discovery = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta1", UriKind.Relative)))
        {
            // The aggregator's availability check must pass even before data arrives.
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        }

        TestFleet.Seed(store);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_fails_when_the_source_loop_stops_ticking()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TestFleet.Now);
        await using var adapter = await RunningAdapter.StartAsync(pki, TestFleet.Create(), time);
        using var client = adapter.CreateClient();
        var heartbeat = adapter.Services.GetRequiredService<SourceHeartbeat>();

        heartbeat.Tick(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(7));
        using (var live = await client.GetAsync(new Uri("/livez", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        using var dead = await client.GetAsync(new Uri("/livez?verbose", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, dead.StatusCode);
        Assert.Contains("[-]source-loop failed", await dead.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Self_metrics_are_on_the_plain_port_only()
    {
        using var pki = new TestPki();
        await using var adapter = await RunningAdapter.StartAsync(pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));
        using (var client = adapter.CreateClient(pki.ClientCertificate("jane")))
        {
            (await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth", UriKind.Relative))).Dispose();
            using var secureMetrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, secureMetrics.StatusCode);
        }

        using var plain = new HttpClient();
        var text = await plain.GetStringAsync(new Uri(adapter.MetricsUri!, "/metrics"));
        Assert.Contains("autoscale_adapter_request_duration_seconds_count{route=\"custom_pods\",code=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("autoscale_adapter_authentication_total{method=\"clientcertificate\",result=\"success\"}", text, StringComparison.Ordinal);
        Assert.Contains("autoscale_adapter_served_sample_age_seconds_count 3", text, StringComparison.Ordinal);
        using var other = await plain.GetAsync(new Uri(adapter.MetricsUri!, "/apis"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
