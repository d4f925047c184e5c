using System.Net;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.VllmEmulator.Tests.Server;

public sealed class EmulatedFleetTests
{
    [Fact]
    public async Task Fifty_pods_each_answer_on_their_own_port()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 50).Select(i => new PodOptions
        {
            Name = $"llama-{i}",
            Labels = new Dictionary<string, string> { ["app"] = i % 2 == 0 ? "a" : "b" },
            Profile = ReplicaProfiles.Llama31_8B_H100,
        }));

        using var http = new HttpClient();
        var pages = await Task.WhenAll(pods.Select(p => http.GetAsync(p.MetricsUri)));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(50, pods.Select(p => p.Port).Distinct().Count());
        Assert.Equal(25, fleet.WithLabel("app", "a").Count);
        foreach (var page in pages)
        {
            PrometheusText.Parse(await page.Content.ReadAsStringAsync());
            page.Dispose();
        }
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
}
