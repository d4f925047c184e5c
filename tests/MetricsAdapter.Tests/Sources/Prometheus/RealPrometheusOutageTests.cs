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
        var served = new List<double?>();
        while (down.Elapsed < Deadline && (served.Count == 0 || served[^1] is not null))
        {
            served.Add(live.Served(pod, "vllm_queue_depth"));
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        var kept = served.TakeWhile(v => v is not null).ToList();
        output.WriteLine($"after the kill: last good value {expected} served for {down.ElapsedMilliseconds} ms ({kept.Count} reads), then omitted;"
            + $" errors {live.Errors} (connection {live.Metrics.ErrorCount(PromErrorKind.Connection)}, circuit_open {live.Metrics.ErrorCount(PromErrorKind.CircuitOpen)}, timeout {live.Metrics.ErrorCount(PromErrorKind.Timeout)})");
        Assert.All(kept, v => Assert.Equal(expected, v));
        Assert.Null(served[^1]);
        Assert.InRange(down.Elapsed, staleAfter - TimeSpan.FromSeconds(1.2), staleAfter + TimeSpan.FromSeconds(1));
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
