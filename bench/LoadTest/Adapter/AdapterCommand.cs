using System.Globalization;
using System.Text.Json;
using Autoscale.Testing;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The <c>adapter</c> command: per pod count, a cluster child (N emulated vLLM pods and the Kubernetes API) and an
/// adapter child that discovers and scrapes them; this process drives the adapter like a cluster of HPAs, hammers
/// it closed-loop, and sends a fixed open-loop rate. A fresh pair per pod count so memory figures do not carry over.
/// </summary>
internal static class AdapterCommand
{
    /// <summary>A throw-away PKI valid around the real clock (the children run on it), deleted on dispose.</summary>
    public static TestPki BenchPki() => new(TimeProvider.System.GetUtcNow().AddDays(-1), TimeSpan.FromDays(30));

    public static async Task<int> RunAsync(AdapterLoadOptions options, TextWriter output)
    {
        using var pki = BenchPki();
        var results = new List<ScenarioResult>();
        var modes = options.Modes;
        var loadBefore = LoadAverage();
        var setup = Setup(options.Rig);
        output.WriteLine($"machine: {Environment.ProcessorCount} cores visible to this process, load average {loadBefore}");
        output.WriteLine($"setup: {setup}");
        ReportTable.WriteHeader(output);

        if (modes.Contains("table") || modes.Contains("stress"))
        {
            foreach (var pods in options.Pods)
            {
                var layouts = new List<int>();
                if (modes.Contains("table"))
                {
                    layouts.AddRange(options.Hpas.Select(h => Math.Min(h, pods)));
                }

                // Stress: each query selects min(N, 100) pods, N/100 Deployments of 100 (one of N below 100).
                var stressLayout = Math.Max(1, pods / 100);
                layouts.Add(stressLayout);
                await using var rig = await StartAsync(pki, pods, layouts.Distinct().ToList(), options, output).ConfigureAwait(false);
                if (modes.Contains("table"))
                {
                    foreach (var hpas in options.Hpas)
                    {
                        var layout = Math.Min(hpas, pods);
                        for (var run = 0; run < options.Repeat; run++)
                        {
                            var meter = await ResourceMeter.StartAsync(rig).ConfigureAwait(false);
                            var (latency, seconds) = await LoadDriver.OpenLoopAsync(rig.Client, layout, LoadDriver.HpaSchedule(hpas, layout, options.CellSeconds)).ConfigureAwait(false);
                            await AddAsync(results, output, "hpa", pods, hpas, layout, options.Rig.Connections, hpas / 15.0, latency, seconds, meter).ConfigureAwait(false);
                        }
                    }
                }

                if (modes.Contains("stress"))
                {
                    var meter = await ResourceMeter.StartAsync(rig).ConfigureAwait(false);
                    var (latency, seconds) = await LoadDriver.ClosedLoopAsync(rig.Client, options.Rig.Connections, stressLayout, options.StressSeconds).ConfigureAwait(false);
                    await AddAsync(results, output, "stress", pods, 0, stressLayout, options.Rig.Connections, 0, latency, seconds, meter).ConfigureAwait(false);
                }
            }
        }

        if (modes.Contains("rate"))
        {
            await using var rig = await StartAsync(pki, options.RatePods, [1], options, output).ConfigureAwait(false);
            for (var run = 0; run < options.Repeat; run++)
            {
                var meter = await ResourceMeter.StartAsync(rig).ConfigureAwait(false);
                var (latency, seconds) = await LoadDriver.OpenLoopAsync(rig.Client, 1, LoadDriver.RateSchedule(options.Rate, 1, options.RateSeconds)).ConfigureAwait(false);
                var result = await AddAsync(results, output, "rate", options.RatePods, 0, 1, options.Rig.Connections, options.Rate, latency, seconds, meter).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"goal p99 <= 5 ms for a {options.RatePods}-pod query at {options.Rate:0} q/s: {(result.P99Ms <= 5 && result.Errors == 0 ? "MET" : "NOT MET")} (p99 {result.P99Ms:0.00} ms from the scheduled send, {result.SentP99Ms:0.00} ms from the actual send, adapter's own p99 ≤ {result.ServerP99UpToMs:0.#} ms; {result.Throughput:0} q/s achieved, {result.Errors} errors)"));
            }
        }

        if (modes.Contains("cost"))
        {
            foreach (var pods in new[] { 100, 1000 })
            {
                // Idle: discovery and the scrape loop only. Loaded: N/10 Deployments of 10 pods, one HPA each, every 15 s.
                var layout = pods / 10;
                await using var rig = await StartAsync(pki, pods, [layout], options, output).ConfigureAwait(false);
                var idle = await ResourceMeter.StartAsync(rig).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(options.CellSeconds), TimeProvider.System).ConfigureAwait(false);
                await AddAsync(results, output, "idle", pods, 0, layout, 0, 0, new LatencyRecorder(), options.CellSeconds, idle).ConfigureAwait(false);
                var loaded = await ResourceMeter.StartAsync(rig).ConfigureAwait(false);
                var (latency, seconds) = await LoadDriver.OpenLoopAsync(rig.Client, layout, LoadDriver.HpaSchedule(layout, layout, options.CellSeconds)).ConfigureAwait(false);
                await AddAsync(results, output, "hpa-cost", pods, layout, layout, options.Rig.Connections, layout / 15.0, latency, seconds, loaded).ConfigureAwait(false);
            }
        }

        if (options.Json is { } path)
        {
            var report = new AdapterReport(Environment.ProcessorCount, Environment.Version.ToString(), setup, $"{loadBefore} → {LoadAverage()}", results);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, AdapterJsonContext.Default.AdapterReport) + "\n").ConfigureAwait(false);
        }

        output.WriteLine($"note: CPU, heap and RSS are the adapter process's alone; load average now {LoadAverage()}.");
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    public static string Setup(RigOptions rig) =>
        string.Create(CultureInfo.InvariantCulture,
            $"adapter child (serve: discovery via the cluster child's Kubernetes API, scrape every {rig.ScrapeInterval.TotalSeconds:0.###} s, store, API) CPUs {rig.AdapterCpus ?? "any"}; cluster child (emulated vLLM pods + Kubernetes API) CPUs {rig.ClusterCpus ?? "as this process"}; load generator in this process, {Environment.ProcessorCount} CPU(s) visible");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // Start both children, then warm up every client connection and the JIT before anything is measured: closed loop,
    // as fast as possible. 1 s was not enough: the first 30 s rate run after it was seconds behind (tier-0 code in
    // the adapter, then re-JIT competing for the cores), the next ones not.
    private static async Task<BenchRig> StartAsync(TestPki pki, int pods, IReadOnlyList<int> layouts, AdapterLoadOptions options, TextWriter output)
    {
        var rig = await BenchRig.StartAsync(pki, pods, layouts, options.Rig).ConfigureAwait(false);
        output.WriteLine($"# {pods} emulated pods discovered and scraped by adapter pid {rig.AdapterPid}");
        await LoadDriver.ClosedLoopAsync(rig.Client, options.Rig.Connections, layouts[0], options.WarmupSeconds).ConfigureAwait(false);
        return rig;
    }

    private static async Task<ScenarioResult> AddAsync(
        List<ScenarioResult> results, TextWriter output, string mode, int pods, int hpas, int layout, int connections, double rate,
        LatencyRecorder latency, double seconds, ResourceMeter meter)
    {
        var (cpu, resident, heap, server) = await meter.StopAsync().ConfigureAwait(false);
        var result = new ScenarioResult(
            mode, pods, hpas, BenchFleet.PodsIn(pods, layout, 0), connections, Math.Round(rate, 2), Math.Round(seconds, 2), latency.Count, latency.Errors,
            Math.Round(latency.Count / seconds, 1), latency.Milliseconds(50), latency.Milliseconds(90), latency.Milliseconds(99),
            latency.Milliseconds(99.9), latency.MaxMilliseconds(), latency.SentMilliseconds(99), server.PercentileUpperBoundMs(99), Math.Round(server.ShareWithinMs(5), 5),
            Math.Round(cpu, 3), Math.Round(heap, 1), Math.Round(resident, 1), LoadAverage());
        results.Add(result);
        ReportTable.WriteRow(output, result);
        return result;
    }
}
