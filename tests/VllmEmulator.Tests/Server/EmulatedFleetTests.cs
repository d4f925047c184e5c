using System.Net;
using System.Net.Sockets;
using System.Text;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.VllmEmulator.Tests.Server;

public sealed class EmulatedFleetTests
{
    [Fact]
    public async Task Pods_in_one_fleet_start_on_distinct_ports_and_each_serves_its_own_values()
    {
        // 250 pods at once: with a reserve-then-bind port this raced; now each pod binds port 0 itself.
        const int Count = 250;
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, Count).Select(i => new PodOptions
        {
            Name = $"llama-{i}",
            ServedModelName = $"model-{i}",
            Labels = new Dictionary<string, string> { ["app"] = i % 2 == 0 ? "a" : "b" },
            Profile = ReplicaProfiles.Llama31_8B_H100,
        }));
        for (var i = 0; i < Count; i++)
        {
            for (var r = 0; r < i % 7; r++)
            {
                Assert.True(pods[i].Submit(100, 10));
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var pages = await Task.WhenAll(pods.Select(p => http.GetStringAsync(p.MetricsUri)));

        Assert.Equal(Count, pods.Select(p => p.Port).Distinct().Count());
        Assert.Equal(Count / 2, fleet.WithLabel("app", "a").Count);
        for (var i = 0; i < Count; i++)
        {
            var samples = PrometheusText.Parse(pages[i]);
            var model = ("model_name", $"model-{i}");
            Assert.Equal(i % 7, samples.Value("vllm:num_requests_running", model) + samples.Value("vllm:num_requests_waiting", model));
        }
    }

    [Fact]
    public async Task A_pod_that_loads_while_the_fleet_serves_refuses_connections_until_it_is_ready()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var serving = (await fleet.StartAsync([new PodOptions { Name = "serving", Profile = ReplicaProfiles.Llama31_8B_A10G }]))[0];
        var loading = fleet.Launch(new PodOptions { Name = "loading", ServedModelName = "late", Profile = ReplicaProfiles.Llama31_8B_A10G, LoadDelay = TimeSpan.FromMinutes(2) });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using (var ok = await http.GetAsync(serving.MetricsUri))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(PodState.Loading, loading.State);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(loading.MetricsUri));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);

        time.Advance(TimeSpan.FromMinutes(2));
        await loading.Ready;

        var page = PrometheusText.Parse(await http.GetStringAsync(loading.MetricsUri));
        Assert.Equal(0, page.Value("vllm:num_requests_running", ("model_name", "late")));
    }

    [Fact]
    public async Task A_removed_pod_refuses_new_connections_and_drops_open_ones_while_the_others_serve()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 2).Select(i => new PodOptions { Name = $"p{i}", Profile = ReplicaProfiles.Llama31_8B_A10G }));
        var (removed, kept) = (pods[0], pods[1]);

        // A keep-alive connection that has been served once, as a scraper's pooled connection would be.
        using var open = new TcpClient();
        await open.ConnectAsync(IPAddress.Loopback, removed.Port);
        var stream = open.GetStream();
        await stream.WriteAsync("GET /health HTTP/1.1\r\nHost: pod\r\n\r\n"u8.ToArray());
        Assert.StartsWith("HTTP/1.1 200", await ReadHeadAsync(stream), StringComparison.Ordinal);

        await fleet.RemoveAsync(removed);

        var buffer = new byte[64];
        var read = stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        try
        {
            Assert.Equal(0, await read);
        }
        catch (IOException)
        {
            // Reset instead of closed: dropped as well.
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(removed.MetricsUri));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);
        using var ok = await http.GetAsync(kept.MetricsUri);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Loading_pods_are_not_ready_until_their_delay_passes_and_removed_pods_stop()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var slow = fleet.Launch(new PodOptions { Name = "slow", Profile = ReplicaProfiles.Llama31_8B_A10G, LoadDelay = TimeSpan.FromMinutes(3) });
        var fast = fleet.Launch(new PodOptions { Name = "fast", Profile = ReplicaProfiles.Llama31_8B_A10G });
        await fast.Ready;

        Assert.Equal([fast], fleet.ReadyPods);
        time.Advance(TimeSpan.FromMinutes(3));
        await slow.Ready;
        Assert.Equal(2, fleet.ReadyPods.Count);

        await fleet.RemoveAsync(fast);
        Assert.Equal([slow], fleet.Pods);
        Assert.Equal(PodState.Stopped, fast.State);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[256];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
            Assert.NotEqual(0, n);
            head.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return head.ToString();
    }
}
