using System.Diagnostics;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Autoscale.VllmEmulator.Tests.Performance;

/// <summary>
/// Measures what the load test relies on. Bounds are loose (shared CI cores); the printed figures are the result:
/// dotnet test tests/VllmEmulator.Tests -c Release --filter Category=Perf --logger "console;verbosity=detailed"
/// </summary>
[Trait("Category", "Perf")]
public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Model_runs_hundreds_of_thousands_of_engine_steps_per_cpu_second()
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_H100);
        var random = new Random(1);
        var t = 0.0;
        long id = 0;
        var stopwatch = Stopwatch.StartNew();
        // One virtual hour at ~25 requests/s, ShareGPT-like sizes: a busy but unsaturated H100 replica.
        while (t < 3600)
        {
            t += random.NextDouble() * 0.08;
            model.Submit(new RequestArrival(id++, t, 50 + random.Next(400), 50 + random.Next(350)));
            model.AdvanceTo(t);
        }

        model.AdvanceTo(4000);
        stopwatch.Stop();

        var stepsPerSecond = model.Steps / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"{model.Steps:N0} steps, {id:N0} requests, {model.GenerationTokens:N0} tokens in {stopwatch.Elapsed.TotalMilliseconds:F0} ms: {stepsPerSecond:N0} steps/s");
        Assert.Equal(id, model.Finished);
        Assert.True(stepsPerSecond > 200_000, $"{stepsPerSecond:N0} steps/s");
    }

    [Fact]
    public void Saturated_model_keeps_its_step_rate()
    {
        var model = new ReplicaModel(ReplicaProfiles.Llama31_8B_A10G);
        for (var i = 0; i < 200_000; i++)
        {
            model.Submit(new RequestArrival(i, 0, 230, 200));
        }

        var stopwatch = Stopwatch.StartNew();
        model.AdvanceTo(3600);
        stopwatch.Stop();

        var stepsPerSecond = model.Steps / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"saturated A10G, 1 virtual hour: {model.Steps:N0} steps, {model.Preemptions:N0} preemptions, {model.GenerationTokens / 3600.0:F0} out tok/s in {stopwatch.Elapsed.TotalMilliseconds:F0} ms: {stepsPerSecond:N0} steps/s");
        Assert.True(stepsPerSecond > 100_000, $"{stepsPerSecond:N0} steps/s");
    }

    [Fact]
    public async Task Two_hundred_pods_start_and_answer_in_one_process()
    {
        var time = new FakeTimeProvider();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 200).Select(i => new PodOptions { Name = $"p{i}", Profile = ReplicaProfiles.Llama31_8B_H100 }));
        var started = stopwatch.Elapsed;

        using var http = new HttpClient();
        foreach (var pod in pods)
        {
            pod.Submit(500, 100);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        stopwatch.Restart();
        var pages = await Task.WhenAll(pods.Select(p => http.GetStringAsync(p.MetricsUri)));
        var scraped = stopwatch.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"200 pods: start {started.TotalMilliseconds:F0} ms, scrape all {scraped.TotalMilliseconds:F0} ms, managed heap +{(after - before) / 1024.0 / 1024.0:F1} MiB");
        Assert.All(pages, p => Assert.Contains("vllm:num_requests_running", p, StringComparison.Ordinal));
    }
}
