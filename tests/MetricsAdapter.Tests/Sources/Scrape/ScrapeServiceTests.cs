using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;
using Autoscale.VllmEmulator.Server;
using static Autoscale.MetricsAdapter.Tests.Sources.Scrape.ScrapeHarness;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>The scrape loop against emulated vLLM pods on loopback, on a fake clock.</summary>
public sealed class ScrapeServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Values_arrive_in_the_store_with_the_scrape_timestamps()
    {
        await using var h = new ScrapeHarness();
        var pods = await h.Fleet.StartAsync([Pod("vllm-0"), Pod("vllm-1")]);
        h.SetInventory("vllm-0", "vllm-1");
        pods[0].Submit(100, 50);
        await h.StartAsync();

        h.Targets.Replace(pods.Select(TargetOf));
        await Eventually.TrueAsync(() => h.Store.HasData && h.LastTimestamp("vllm-0") is not null && h.LastTimestamp("vllm-1") is not null, "both pods were scraped");
        Assert.Equal(Start, h.LastTimestamp("vllm-0"));
        Assert.Equal("meta-llama_Llama-3.1-8B-Instruct", Assert.Single(h.Series("vllm-0")).Labels["model_name"]);

        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") == Start + Interval && h.LastTimestamp("vllm-1") == Start + Interval, "the second round");
        var rate = Assert.Single(h.Series("vllm-0", "vllm_prompt_tokens_per_second"));
        Assert.Equal(Start, rate.Previous?.Timestamp);
        Assert.Equal(2, h.Service.ActiveTargets.Count);
    }

    [Fact]
    public async Task Arrivals_are_stored_after_two_scrapes_and_agree_with_the_scraped_series()
    {
        await using var h = new ScrapeHarness();
        var pod = (await h.Fleet.StartAsync([Pod("vllm-0")]))[0];
        h.SetInventory("vllm-0");
        pod.Submit(100, 50);
        await h.StartAsync();
        h.Targets.Replace([TargetOf(pod)]);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") == Start, "the first scrape");
        Assert.Empty(h.Series("vllm-0", "vllm_arrival_requests_per_second")); // one page: no window yet

        pod.Submit(100, 50);
        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") == Start + Interval, "the second scrape");

        // The same two pages give the stored completions, waiting and running: arrivals = their changes over 2 s.
        double Change(string metric) => Assert.Single(h.Series("vllm-0", metric)) is var s ? s.Last.Value - s.Previous!.Value.Value : 0;
        var arrivals = Assert.Single(h.Series("vllm-0", "vllm_arrival_requests_per_second"));
        Assert.Equal(Start + Interval, arrivals.Last.Timestamp);
        var expected = (Change("vllm_requests_per_second") + Change("vllm_queue_depth") + Change("vllm_running_requests")) / Interval.TotalSeconds;
        Assert.True(expected > 0, "the test needs arrivals");
        Assert.Equal(expected, arrivals.Last.Value, 9);
    }

    [Fact]
    public async Task A_garbage_page_keeps_the_last_good_values_until_too_many_failures()
    {
        await using var h = new ScrapeHarness();
        var pod = (await h.Fleet.StartAsync([Pod("vllm-0")]))[0];
        h.SetInventory("vllm-0");
        await h.StartAsync();
        h.Targets.Replace([TargetOf(pod)]);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") == Start, "the first scrape");

        pod.Fault = ScrapeFault.Garbage;
        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.Errors("parse") == 1, "a parse error was counted");
        Assert.Equal(Start, h.LastTimestamp("vllm-0"));

        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.Errors("parse") == 2, "a second parse error");
        Assert.Equal(Start, h.LastTimestamp("vllm-0"));

        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.Errors("parse") == 3 && h.LastTimestamp("vllm-0") is null, "the third failure cleared the values");

        pod.Fault = ScrapeFault.None;
        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") == Start + (4 * Interval), "values after recovery");
    }

    [Fact]
    public async Task A_slow_target_does_not_delay_the_others()
    {
        await using var h = new ScrapeHarness();
        var pods = await h.Fleet.StartAsync([Pod("slow"), Pod("fast")]);
        pods[0].Fault = ScrapeFault.Slow;
        pods[0].SlowDelay = TimeSpan.FromMinutes(5);
        h.SetInventory("slow", "fast");
        await h.StartAsync();
        h.Targets.Replace(pods.Select(TargetOf));
        await Eventually.TrueAsync(() => h.LastTimestamp("fast") == Start, "the fast pod's first scrape");

        for (int i = 1; i <= 3; i++)
        {
            h.Time.Advance(Interval);
            await Eventually.TrueAsync(() => h.LastTimestamp("fast") == Start + (i * Interval), $"the fast pod's scrape {i}");
        }

        await Eventually.TrueAsync(() => h.Errors("timeout") >= 1, "the slow pod timed out");
        Assert.Null(h.LastTimestamp("slow"));
    }

    [Fact]
    public async Task A_removed_target_has_its_values_cleared()
    {
        await using var h = new ScrapeHarness();
        var pods = await h.Fleet.StartAsync([Pod("vllm-0"), Pod("vllm-1")]);
        h.SetInventory("vllm-0", "vllm-1");
        await h.StartAsync();
        h.Targets.Replace(pods.Select(TargetOf));
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-0") is not null && h.LastTimestamp("vllm-1") is not null, "both scraped");

        h.Targets.Replace([TargetOf(pods[0])]);
        await Eventually.TrueAsync(() => h.LastTimestamp("vllm-1") is null, "vllm-1 was cleared");
        Assert.NotNull(h.LastTimestamp("vllm-0"));
        Assert.Single(h.Service.ActiveTargets);
    }

    [Fact]
    public async Task A_loading_pod_refuses_connections_and_has_no_data_until_it_listens()
    {
        await using var h = new ScrapeHarness();
        var pod = h.Fleet.Launch(Pod("loading", loadDelay: TimeSpan.FromSeconds(30)));
        h.SetInventory("loading");
        await h.StartAsync();
        h.Targets.Replace([TargetOf(pod)]);
        await Eventually.TrueAsync(() => h.Errors("refused") == 1 && h.Store.HasData, "the first scrape was refused");
        Assert.Null(h.LastTimestamp("loading"));

        h.Time.Advance(TimeSpan.FromSeconds(30));
        await pod.Ready.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        h.Time.Advance(Interval);
        await Eventually.TrueAsync(() => h.LastTimestamp("loading") is not null, "data once the pod listens");
    }
}
