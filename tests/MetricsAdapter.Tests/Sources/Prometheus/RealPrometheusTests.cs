using System.Diagnostics;
using Autoscale.VllmEmulator.Server;
using Xunit.Abstractions;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// Emulated vLLM pods → the real prometheus binary (scrape every 1 s) → the Prometheus source → store → the catalog's
/// answer, compared with what the pods' /metrics say.
/// </summary>
public sealed class RealPrometheusTests(ITestOutputHelper output)
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task The_scrape_free_answer_agrees_with_the_pods_within_one_scrape_interval()
    {
        await using var live = await LiveSetup.StartAsync([("llm", "llama-0", 12), ("llm", "llama-1", 30), ("llm", "llama-2", 0), ("batch", "qwen-0", 7)], TimeSpan.FromSeconds(6),
            relistInterval: TimeSpan.FromMinutes(1)); // once the rule's series are found, no relist falls inside the counted cycle
        var sinceStart = Stopwatch.StartNew();
        await PollUntil(live, () => live.Pods.All(p => Agrees(live, p)), () => string.Join("; ", live.Pods.Select(p => Describe(live, p))));
        output.WriteLine($"first full agreement {sinceStart.ElapsedMilliseconds} ms after Prometheus was ready");

        foreach (var pod in live.Pods)
        {
            var m = pod.Observe();
            output.WriteLine($"{pod.Namespace}/{pod.Name}: waiting {m.Waiting} running {m.Running} kv {m.KvCacheUsage:0.####} generated {m.GenerationTokens}"
                + $" | served {live.Served(pod, "vllm_queue_depth")} {live.Served(pod, "vllm_running_requests")} {live.Served(pod, "vllm_kv_cache_usage"):0.####}");
            var age = TimeProvider.System.GetUtcNow() - live.ServedTimestamp(pod, "vllm_queue_depth")!.Value;
            Assert.InRange(age, TimeSpan.FromMilliseconds(-50), TimeSpan.FromSeconds(2.5));
        }

        Assert.True(live.Pods[1].Observe().Waiting > 0, "the test needs a queue to compare");
        Assert.Equal([LiveSetup.RuleMetric], live.Source.Registry.Metrics.Select(m => m.Name));
        Assert.True(live.Source.ServesCustom(LiveSetup.RuleMetric));

        // One query per built-in metric per namespace (derived metrics come from scraped pages only), and one per rule
        // query read so far (pods in each namespace).
        var before = live.Metrics.QueryCount;
        await live.Source.RunOnceAsync(CancellationToken.None);
        Assert.Equal((MetricCatalog.BuiltIn.Definitions.Count(d => d.Formula is null) + 1) * 2, live.Metrics.QueryCount - before);

        // The queue grows: the new value is served within one scrape interval (1 s) plus one poll; the bound allows two
        // more intervals for a loaded CI machine (test assemblies run side by side on two cores) and still fails on
        // anything that waits for a relist (60 s) or serves a cached answer.
        LiveSetup.Submit(live.Pods[0], 10);
        live.Clock.Advance(TimeSpan.FromMilliseconds(50));
        var expected = live.Pods[0].Observe().Waiting;
        var changed = Stopwatch.StartNew();
        await PollUntil(live, () => live.Served(live.Pods[0], "vllm_queue_depth") == expected);
        output.WriteLine($"queue {expected} served {changed.ElapsedMilliseconds} ms after the pod's /metrics changed");
        Assert.True(changed.Elapsed < TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(250) + TimeSpan.FromSeconds(3), $"took {changed.Elapsed}");
        Assert.Equal(0, live.Errors);
        Assert.True(live.Source.Status.Healthy);
    }

    internal static bool Agrees(LiveSetup live, EmulatedVllmPod pod)
    {
        var m = pod.Observe();
        var counters = live.Store.Current.Namespace(pod.Namespace)!.PodsByName[pod.Name].Slot.Metrics.ByMetric;
        return live.Served(pod, "vllm_queue_depth") == m.Waiting
            && live.Served(pod, "vllm_running_requests") == m.Running
            && live.Served(pod, LiveSetup.RuleMetric) == m.Running
            && live.Served(pod, "vllm_kv_cache_usage") is { } kv && Math.Abs(kv - m.KvCacheUsage) < 1e-9
            && counters.TryGetValue("vllm_generation_tokens_per_second", out var generated) && generated[0].Last.Value == m.GenerationTokens;
    }

    internal static string Describe(LiveSetup live, EmulatedVllmPod pod)
    {
        var m = pod.Observe();
        var stored = live.Store.Current.Namespace(pod.Namespace)!.PodsByName[pod.Name].Slot.Metrics.ByMetric;
        return $"{pod.Name}: pod {m.Waiting}/{m.Running}/{m.KvCacheUsage}/{m.GenerationTokens} served {live.Served(pod, "vllm_queue_depth")}/{live.Served(pod, "vllm_running_requests")}"
            + $"/{live.Served(pod, "vllm_kv_cache_usage")}/{live.Served(pod, LiveSetup.RuleMetric)} stored [{string.Join(",", stored.Select(kv => kv.Key + "=" + kv.Value[0].Last))}]";
    }

    internal static async Task PollUntil(LiveSetup live, Func<bool> condition, Func<string>? describe = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await live.Source.RunOnceAsync(CancellationToken.None);
            if (condition())
            {
                return;
            }

            Assert.True(deadline.Elapsed < Deadline, $"not within {Deadline}; last error: {live.Source.Status.LastError}; {describe?.Invoke()}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }
}
