using System.Buffers;
using System.Diagnostics;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using Autoscale.Testing;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using static Autoscale.ScrapeBench.Measure;

namespace Autoscale.ScrapeBench;

/// <summary>
/// Measure 3 of the issue: one HPA request (<c>pods/*/vllm_queue_depth</c> in one namespace) answered (a) from the
/// scrape store, built and serialised, and (b) the way prometheus-adapter answers it, one POST /api/v1/query to a real
/// Prometheus with the pods' names in a regex, response read and decoded. Both over the same emulated pods, both
/// scraped every 2 s; iterations interleaved (a, b, a, b, ...) so they share the machine's noise.
/// </summary>
internal static class StoreVsPrometheusCommand
{
    public static async Task<int> RunAsync(Cli cli)
    {
        int n = cli.Int("pods", 100);
        int iterations = cli.Int("iterations", 2000);
        string json = cli.String("json", $"store-vs-prometheus-{n}.json");
        if (Tool.TryFind("prometheus") is not { } binary)
        {
            await Console.Out.WriteLineAsync("SKIPPED: 'prometheus' is not on PATH (Debian: apt-get install prometheus); nothing measured.");
            return 0;
        }

        var interval = TimeSpan.FromSeconds(2);
        await Console.Out.WriteLineAsync($"starting {n} emulated vLLM pods in a child process, {binary} and the scrape stage...");
        await using var fleet = await ChildFleet.StartAsync(n, TimeSpan.FromMinutes(2));
        await using var prometheus = await PrometheusProcess.StartAsync(fleet.Pods.Select(p => (p.Port, PodsCommand.Namespace, p.Name)), interval, interval * 0.75);

        var config = AdapterConfig.Default;
        var store = new MetricStore();
        var targets = new ScrapeTargets();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "vllm" };
        store.ReplaceInventory(fleet.Pods.Select(p => new PodInfo(PodsCommand.Namespace, p.Name, labels, PodState.Ready)), []);
        store.MarkInventorySynced();
        targets.Replace(fleet.Pods.Select(p => new ScrapeTarget(new ObjectKey(PodsCommand.Namespace, p.Name), TargetKind.InferenceServer, new Uri($"http://127.0.0.1:{p.Port}/metrics"))));
        using var service = new ScrapeService(
            targets, store, new SourceHeartbeat(interval), new ScrapeMetrics(Metrics.NewCustomRegistry()), config.Scrape with { Interval = interval },
            config.Mapping, TimeProvider.System, NullLogger<ScrapeService>.Instance);
        using var stop = new CancellationTokenSource();
        await service.StartAsync(stop.Token);

        var provider = new CatalogMetricsProvider(store, () => config.Catalog, () => config.Serving, TimeProvider.System);
        var selector = LabelSelector.Parse("app=vllm");
        var info = new CustomMetricInfo(GroupResource.Pods, true, "vllm_queue_depth");
        var output = new ArrayBufferWriter<byte>(1 << 20);
        string promql = $"sum by (pod) (vllm:num_requests_waiting{{namespace=\"{PodsCommand.Namespace}\",pod=~\"{string.Join('|', fleet.Pods.Select(p => p.Name))}\"}})";
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = prometheus.Url,
        };

        int StoreOnce()
        {
            output.ResetWrittenCount();
            try
            {
                using var list = provider.GetMetricBySelector(PodsCommand.Namespace, selector, info, LabelSelector.Everything);
                MetricValueListWriter.Write(output, ApiVersion.V1Beta2, list, null);
                return list.Count;
            }
            catch (ApiStatusException)
            {
                return 0;
            }
        }

        async Task<int> PrometheusOnce()
        {
            using var body = new FormUrlEncodedContent([new("query", promql)]);
            using var response = await http.PostAsync(new Uri("api/v1/query", UriKind.Relative), body);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var parsed = PromResponseParser.ParseQuery(bytes);
            return parsed.Value?.Series.Count ?? 0;
        }

        // Both sides must know every pod before timing starts.
        var waited = Stopwatch.StartNew();
        int fromStore = 0, fromProm = 0;
        while (waited.Elapsed < TimeSpan.FromSeconds(60) && (fromStore < n || fromProm < n))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
            fromStore = StoreOnce();
            fromProm = await PrometheusOnce();
        }

        await Console.Out.WriteLineAsync($"  after {waited.Elapsed.TotalSeconds:0.0} s: store serves {fromStore} pods, Prometheus answers {fromProm} series; PromQL {promql.Length} chars");
        if (fromStore < n || fromProm < n)
        {
            await Console.Error.WriteLineAsync("not every pod is known to both sides: aborting");
            return 1;
        }

        // Warm-up, then interleaved timing.
        for (int i = 0; i < 200; i++)
        {
            StoreOnce();
            await PrometheusOnce();
        }

        var storeNs = new LongHistogram(10_000_000_000L, 3);
        var promNs = new LongHistogram(10_000_000_000L, 3);
        int storeShort = 0, promShort = 0;
        for (int i = 0; i < iterations; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            if (StoreOnce() != n)
            {
                storeShort++;
            }

            storeNs.RecordValue((long)Stopwatch.GetElapsedTime(t0).TotalNanoseconds);
            t0 = Stopwatch.GetTimestamp();
            if (await PrometheusOnce() != n)
            {
                promShort++;
            }

            promNs.RecordValue((long)Stopwatch.GetElapsedTime(t0).TotalNanoseconds);
        }

        await stop.CancelAsync();
        await service.StopAsync(CancellationToken.None);

        static double Us(LongHistogram h, double p) => h.GetValueAtPercentile(p) / 1000.0;
        double ratio = Us(promNs, 50) / Us(storeNs, 50);
        var result = new
        {
            command = $"store-vs-prometheus --pods {n} --iterations {iterations}",
            pods = n,
            iterations,
            promqlChars = promql.Length,
            replyBytes = output.WrittenCount,
            store = new { medianUs = Us(storeNs, 50), p90Us = Us(storeNs, 90), p99Us = Us(storeNs, 99), shortAnswers = storeShort },
            prometheus = new { medianUs = Us(promNs, 50), p90Us = Us(promNs, 90), p99Us = Us(promNs, 99), shortAnswers = promShort },
            medianRatio = ratio,
        };
        await Console.Out.WriteLineAsync($"""

            | {n} pods, {iterations:N0} iterations each, interleaved | median | p90 | p99 | answers short of {n} |
            |---|---:|---:|---:|---:|
            | (a) scrape store: GetMetricBySelector + MetricValueListWriter.Write | {F(Us(storeNs, 50), "0.0")} µs | {F(Us(storeNs, 90), "0.0")} µs | {F(Us(storeNs, 99), "0.0")} µs | {storeShort} |
            | (b) Prometheus: POST /api/v1/query, read + decode | {F(Us(promNs, 50), "0.0")} µs | {F(Us(promNs, 90), "0.0")} µs | {F(Us(promNs, 99), "0.0")} µs | {promShort} |

            median ratio (b)/(a): {F(ratio, "0")}×
            """);
        await WriteJsonAsync(json, result);
        return 0;
    }
}
