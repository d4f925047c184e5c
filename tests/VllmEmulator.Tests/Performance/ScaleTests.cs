using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Autoscale.VllmEmulator.Tests.Performance;

/// <summary>
/// What the load test relies on at scale, as behaviour: a busy virtual hour finishes every request, and 200 pods run in
/// one process. How fast is a benchmark's question, not a test's (machines are shared):
/// <c>dotnet run -c Release --project bench/Benchmarks -- --filter '*ReplicaModel*' --job short</c>.
/// </summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void A_busy_virtual_hour_finishes_every_request()
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100);
        var random = new Random(1);
        var t = 0.0;
        long id = 0;
        // One virtual hour at ~25 requests/s, ShareGPT-like sizes: a busy but unsaturated H100 replica.
        while (t < 3600)
        {
            t += random.NextDouble() * 0.08;
            model.Submit(new RequestArrival(id++, t, 50 + random.Next(400), 50 + random.Next(350)));
            model.AdvanceTo(t);
        }

        model.AdvanceTo(4000);

        Assert.Equal(id, model.Finished);
        Assert.Equal(0, model.Running);
        Assert.True(model.Steps > 100_000, $"{model.Steps:N0} steps");
    }

    [Fact]
    public async Task Two_hundred_pods_start_and_answer_in_one_process()
    {
        var time = new FakeTimeProvider();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 200).Select(i => new PodOptions { Name = $"p{i}", Profile = ReplicaProfiles.Llama31_8B_H100 }));

        using var http = new HttpClient();
        foreach (var pod in pods)
        {
            pod.Submit(500, 100);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var pages = await Task.WhenAll(pods.Select(p => http.GetStringAsync(p.MetricsUri)));
        var after = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"200 pods: managed heap +{(after - before) / 1024.0 / 1024.0:F1} MiB");
        Assert.All(pages, p => Assert.Contains("vllm:num_requests_running", p, StringComparison.Ordinal));
    }
}
