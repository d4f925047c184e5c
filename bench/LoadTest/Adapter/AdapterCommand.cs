using System.Globalization;
using System.Text.Json;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The <c>adapter</c> command: the real metrics adapter in-process on loopback HTTPS, its store filled directly for
/// N pods, driven like a cluster of HPAs, hammered closed-loop, and at a fixed open-loop rate; one adapter per pod
/// count so memory figures do not carry over.
/// </summary>
internal static class AdapterCommand
{
    public const string FillSource = "store filled directly every 2 s (FleetFiller), not via emulated vLLM pods and the scrape loop";

    public static async Task<int> RunAsync(AdapterLoadOptions options, TextWriter output)
    {
        var time = TimeProvider.System;
        using var pki = new BenchPki(time.GetUtcNow());
        var results = new List<ScenarioResult>();
        var modes = options.Modes;
        var loadBefore = LoadAverage();
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {loadBefore}");
        ReportTable.WriteHeader(output);

        if (modes.Contains("table") || modes.Contains("stress"))
        {
            foreach (var pods in options.Pods)
            {
                await using var adapter = await InProcessAdapter.StartAsync(pki, time).ConfigureAwait(false);
                using var client = adapter.CreateClient(options.Connections);
                if (modes.Contains("table"))
                {
                    foreach (var hpas in options.Hpas)
                    {
                        var deployments = Math.Min(hpas, pods);
                        await PrepareAsync(adapter, client, pods, deployments).ConfigureAwait(false);
                        var meter = ResourceMeter.Start();
                        var (latency, seconds) = await LoadDriver.OpenLoopAsync(client, LoadDriver.HpaSchedule(hpas, deployments, options.CellSeconds)).ConfigureAwait(false);
                        Add(results, output, "hpa", pods, hpas, pods / deployments, options.Connections, hpas / 15.0, latency, seconds, meter);
                    }
                }

                if (modes.Contains("stress"))
                {
                    // Each query selects min(N, 100) pods: N/100 Deployments of 100 (one of N below 100).
                    var deployments = Math.Max(1, pods / 100);
                    await PrepareAsync(adapter, client, pods, deployments).ConfigureAwait(false);
                    var meter = ResourceMeter.Start();
                    var (latency, seconds) = await LoadDriver.ClosedLoopAsync(client, options.Connections, deployments, options.StressSeconds).ConfigureAwait(false);
                    Add(results, output, "stress", pods, 0, pods / deployments, options.Connections, 0, latency, seconds, meter);
                }
            }
        }

        if (modes.Contains("rate"))
        {
            await using var adapter = await InProcessAdapter.StartAsync(pki, time).ConfigureAwait(false);
            using var client = adapter.CreateClient(options.Connections);
            await PrepareAsync(adapter, client, options.RatePods, 1).ConfigureAwait(false);
            var meter = ResourceMeter.Start();
            var (latency, seconds) = await LoadDriver.OpenLoopAsync(client, LoadDriver.RateSchedule(options.Rate, 1, options.RateSeconds)).ConfigureAwait(false);
            var result = Add(results, output, "rate", options.RatePods, 0, options.RatePods, options.Connections, options.Rate, latency, seconds, meter);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"goal p99 <= 5 ms for a {options.RatePods}-pod query at {options.Rate:0} q/s: {(result.P99Ms <= 5 && result.Errors == 0 ? "MET" : "NOT MET")} (p99 {result.P99Ms:0.00} ms, {result.Throughput:0} q/s achieved, {result.Errors} errors)"));
        }

        if (modes.Contains("cost"))
        {
            foreach (var pods in new[] { 100, 1000 })
            {
                // Idle: the fill loop only. Loaded: N/10 Deployments of 10 pods, one HPA each, every 15 s.
                await using var adapter = await InProcessAdapter.StartAsync(pki, time).ConfigureAwait(false);
                using var client = adapter.CreateClient(options.Connections);
                var deployments = pods / 10;
                await PrepareAsync(adapter, client, pods, deployments).ConfigureAwait(false);
                var idle = ResourceMeter.Start();
                await Task.Delay(TimeSpan.FromSeconds(options.CellSeconds), time).ConfigureAwait(false);
                Add(results, output, "idle", pods, 0, 0, 0, 0, new LatencyRecorder(), options.CellSeconds, idle);
                var loaded = ResourceMeter.Start();
                var (latency, seconds) = await LoadDriver.OpenLoopAsync(client, LoadDriver.HpaSchedule(deployments, deployments, options.CellSeconds)).ConfigureAwait(false);
                Add(results, output, "hpa-cost", pods, deployments, 10, options.Connections, deployments / 15.0, latency, seconds, loaded);
            }
        }

        if (options.Json is { } path)
        {
            var report = new AdapterReport(Environment.ProcessorCount, Environment.Version.ToString(), FillSource, $"{loadBefore} → {LoadAverage()}", results);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, AdapterJsonContext.Default.AdapterReport) + "\n").ConfigureAwait(false);
        }

        output.WriteLine($"note: {FillSource}; CPU and working set are the whole process, load generator included; load average now {LoadAverage()}.");
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    // Publish the fleet, check one answer holds the expected slice, and warm up JIT and connections.
    private static async Task PrepareAsync(InProcessAdapter adapter, HttpClient client, int pods, int deployments)
    {
        adapter.Filler.Publish(pods, deployments);
        var items = await LoadDriver.CountItemsAsync(client, 0).ConfigureAwait(false);
        var expected = (pods + deployments - 1) / deployments;
        if (items != expected)
        {
            throw new InvalidOperationException($"the adapter served {items} pods for {FleetFiller.Selector(0)}, expected {expected}");
        }

        await LoadDriver.ClosedLoopAsync(client, 4, deployments, 0.5).ConfigureAwait(false);
    }

    private static ScenarioResult Add(
        List<ScenarioResult> results, TextWriter output, string mode, int pods, int hpas, int perQuery, int connections, double rate,
        LatencyRecorder latency, double seconds, ResourceMeter meter)
    {
        var (cpu, heap, workingSet) = meter.Stop();
        var result = new ScenarioResult(
            mode, pods, hpas, perQuery, connections, Math.Round(rate, 2), Math.Round(seconds, 2), latency.Count, latency.Errors,
            Math.Round(latency.Count / seconds, 1), latency.Milliseconds(50), latency.Milliseconds(90), latency.Milliseconds(99),
            latency.Milliseconds(99.9), latency.MaxMilliseconds(), Math.Round(cpu, 3), Math.Round(heap, 1), Math.Round(workingSet, 1));
        results.Add(result);
        ReportTable.WriteRow(output, result);
        return result;
    }
}
