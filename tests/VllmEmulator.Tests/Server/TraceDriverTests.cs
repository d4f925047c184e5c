using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.VllmEmulator.Tests.Server;

public sealed class TraceDriverTests
{
    // The first rows of AzureLLMInferenceTrace_conv.csv (Azure/AzurePublicDataset, CC BY 4.0), no trailing newline.
    private const string ConvSlice =
        "TIMESTAMP,ContextTokens,GeneratedTokens\n" +
        "2023-11-16 18:15:46.6805900,374,44\n" +
        "2023-11-16 18:15:50.9951690,396,109\n" +
        "2023-11-16 18:15:51.2224670,879,55\n" +
        "2023-11-16 18:15:51.3910170,91,16";

    [Fact]
    public void Reads_offsets_and_token_counts()
    {
        var trace = AzureLlmTrace.Read(new StringReader(ConvSlice));

        Assert.Equal(
            [new TraceRequest(0, 374, 44), new TraceRequest(4.314579, 396, 109), new TraceRequest(4.541877, 879, 55), new TraceRequest(4.710427, 91, 16)],
            trace.Select(t => t with { OffsetSeconds = Math.Round(t.OffsetSeconds, 6) }));
    }

    [Fact]
    public void Reads_the_whole_bundled_conversation_trace()
    {
        // The repository's own copy (bench/LoadTest/traces, with its attribution README); a missing file fails.
        var path = Path.Combine(Repo.Root, "bench", "LoadTest", "traces", "azure-llm-2023", "AzureLLMInferenceTrace_conv.csv");

        var trace = AzureLlmTrace.Load(path);

        Assert.Equal(19_366, trace.Count);
        Assert.InRange(trace[^1].OffsetSeconds, 3_501, 3_502);
    }

    [Fact]
    public async Task Replays_rows_at_their_scaled_virtual_times_round_robin()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 2).Select(i => new PodOptions { Name = $"p{i}", Profile = ReplicaProfiles.Llama31_8B_H100 }));
        var trace = AzureLlmTrace.Read(new StringReader(ConvSlice));
        var sent = new List<TraceSubmission>();
        var driver = new TraceDriver(trace, fleet, new TraceReplayOptions { TimeScale = 2, RateScale = 2 }) { OnSubmitted = sent.Add };
        var start = time.GetUtcNow();

        var run = driver.RunAsync();
        while (!run.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
        }

        await run;
        Assert.Equal(8, driver.Submitted);
        Assert.Equal(
            trace.SelectMany(t => new[] { t.OffsetSeconds / 2, t.OffsetSeconds / 2 }),
            sent.Select(s => (s.ArrivalAt - start).TotalSeconds),
            new ToleranceComparer(1e-6));
        Assert.Equal(4, sent.Count(s => s.Pod == pods[0]));
        Assert.Equal(4, sent.Count(s => s.Pod == pods[1]));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(8, pods.Sum(p => p.Observe().RequestSuccess));
    }

    [Fact]
    public async Task Least_loaded_routing_prefers_the_idle_pod_and_empty_fleets_drop()
    {
        var time = new FakeTimeProvider();
        await using var fleet = new EmulatedFleet(time);
        var pods = await fleet.StartAsync(Enumerable.Range(0, 2).Select(i => new PodOptions { Name = $"p{i}", Profile = ReplicaProfiles.Llama31_8B_A10G }));
        for (var i = 0; i < 50; i++)
        {
            pods[0].Submit(2000, 500);
        }

        var trace = Enumerable.Range(0, 10).Select(_ => new TraceRequest(0, 100, 10)).ToList();
        await new TraceDriver(trace, fleet, new TraceReplayOptions { Routing = RoutingPolicy.LeastLoaded }).RunAsync();
        Assert.Equal(10, pods[1].Observe().Waiting + pods[1].Observe().Running);

        var nobody = new TraceDriver(trace, () => [], new TraceReplayOptions(), time);
        await nobody.RunAsync();
        Assert.Equal(10, nobody.Dropped);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
