using System.Diagnostics;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Xunit.Abstractions;
using static Autoscale.MetricsAdapter.Tests.Sources.Prometheus.RealPrometheusTests;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// The real Prometheus killed and restarted under a running source: last good values are served until they go
/// stale, then omitted (never zero), errors are counted, and the source recovers by itself. A class of its own so
/// that xUnit runs it beside the agreement test (both mostly wait on Prometheus' ~5 s target discovery).
/// </summary>
public sealed class RealPrometheusOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Prometheus_down_keeps_last_values_until_stale_then_omits_them_and_recovers_on_restart()
    {
        var staleAfter = TimeSpan.FromSeconds(3);
        await using var live = await LiveSetup.StartAsync([("llm", "llama-0", 20), ("llm", "llama-1", 9)], staleAfter);
        await live.Source.StartAsync(CancellationToken.None);
        var pod = live.Pods[0];
        var expected = pod.Observe().Waiting;
        await Eventually.TrueAsync(() => live.Served(pod, "vllm_queue_depth") == expected, Deadline, "the value is served");

        await live.Prometheus.KillAsync();
        var down = Stopwatch.StartNew();
        // Each read carries the time before it began and after it returned: the value was served no earlier than the
        // first and omitted no later than the second, however the test thread is scheduled.
        var served = new List<(TimeSpan At, double? Value, TimeSpan Done)>();
        while (down.Elapsed < Deadline && (served.Count == 0 || served[^1].Value is not null))
        {
            var at = down.Elapsed;
            var value = live.Served(pod, "vllm_queue_depth");
            served.Add((at, value, down.Elapsed));
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var kept = served.TakeWhile(r => r.Value is not null).ToList();
        output.WriteLine($"after the kill: last good value {expected} served until {kept.LastOrDefault().At.TotalMilliseconds:F0} ms ({kept.Count} reads),"
            + $" omitted by {served[^1].Done.TotalMilliseconds:F0} ms;"
            + $" errors {live.Errors} (connection {live.Metrics.ErrorCount(PromErrorKind.Connection)}, circuit_open {live.Metrics.ErrorCount(PromErrorKind.CircuitOpen)}, timeout {live.Metrics.ErrorCount(PromErrorKind.Timeout)})");
        Assert.All(kept, r => Assert.Equal(expected, r.Value));
        Assert.Null(served[^1].Value);
        // Bounds on the reads themselves, not on when the loop noticed: a starved test thread (CI runs the test
        // assemblies side by side on two cores) only widens the gap between the last kept read and the first omitted
        // one. The sample was scraped up to one scrape interval (1 s) before the kill, so it goes stale between
        // staleAfter - 1 s and staleAfter after the kill, seen within one poll.
        Assert.NotEmpty(kept);
        Assert.True(kept[^1].At <= staleAfter + TimeSpan.FromSeconds(1), $"the last good value was still served {kept[^1].At} after the kill");
        Assert.True(served[^1].Done >= staleAfter - TimeSpan.FromSeconds(1.2), $"the last good value was dropped {served[^1].Done} after the kill");
        Assert.True(live.Errors > 0);
        Assert.NotNull(live.Source.Status.LastError);
        Assert.False(live.Source.Status.Healthy);
        // The other pod was scraped at its own offset: it goes stale within one more scrape interval.
        await Eventually.TrueAsync(() => live.Served(live.Pods[1], "vllm_queue_depth") is null, Deadline, "the second pod is no longer served");

        var restart = Stopwatch.StartNew();
        await live.Prometheus.RestartAsync();
        var ready = restart.ElapsedMilliseconds;
        await Eventually.TrueAsync(() => live.Served(pod, "vllm_queue_depth") == expected, Deadline, "the value is served again");
        output.WriteLine($"recovered {restart.ElapsedMilliseconds} ms after the restart began (ready after {ready} ms); last error: {live.Source.Status.LastError}");
        await Eventually.TrueAsync(() => live.Source.Status.Healthy, Deadline, "the source is healthy again");
    }
}
