using Autoscale.LoadTest.Adapter;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Tests;

public sealed class AdapterLoadTests
{
    [Fact]
    public async Task Real_adapter_serves_each_hpas_slice_over_mutual_tls()
    {
        using var pki = new BenchPki(TimeProvider.System.GetUtcNow());
        await using var adapter = await InProcessAdapter.StartAsync(pki, TimeProvider.System);
        using var client = adapter.CreateClient(4);
        adapter.Filler.Publish(pods: 12, deployments: 3);

        Assert.Equal(4, await LoadDriver.CountItemsAsync(client, 2));
        var (latency, _) = await LoadDriver.OpenLoopAsync(client, LoadDriver.RateSchedule(200, 3, 0.25));
        Assert.Equal((50L, 0L), (latency.Count, latency.Errors));
        Assert.True(latency.Milliseconds(50) > 0);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused()
    {
        using var pki = new BenchPki(TimeProvider.System.GetUtcNow());
        await using var adapter = await InProcessAdapter.StartAsync(pki, TimeProvider.System);
        adapter.Filler.Publish(pods: 2, deployments: 1);
        using var anonymous = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new() { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }) { BaseAddress = adapter.Uri };

        using var response = await anonymous.GetAsync(new Uri(LoadDriver.Query(0), UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Hpa_schedule_spreads_each_hpa_every_fifteen_seconds()
    {
        var schedule = LoadDriver.HpaSchedule(hpas: 30, deployments: 10, seconds: 30);

        Assert.Equal(60, schedule.Count);
        Assert.Equal(0.5, schedule[1].At - schedule[0].At, 9);
        Assert.All(schedule, s => Assert.InRange(s.Deployment, 0, 9));
        Assert.True(schedule.Zip(schedule.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void Cli_defaults_and_quick_subset()
    {
        var full = AdapterCliParser.Parse(["adapter"]);
        var quick = AdapterCliParser.Parse(["adapter", "--quick", "--rate", "500", "--json", "out.json"]);

        Assert.Equal([10, 100, 1000, 5000], full.Pods);
        Assert.Equal([10, 100, 1000], full.Hpas);
        Assert.Equal(AdapterCliParser.AllModes, full.Modes);
        Assert.Equal([10, 100], quick.Pods);
        Assert.Equal((500.0, "out.json"), (quick.Rate, quick.Json));
        Assert.Throws<CliUsageException>(() => AdapterCliParser.Parse(["adapter", "--pods", "10,x"]));
        Assert.Throws<CliUsageException>(() => AdapterCliParser.Parse(["adapter", "--modes", "soak"]));
    }
}
